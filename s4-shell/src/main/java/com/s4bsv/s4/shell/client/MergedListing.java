package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.key.KeyOrder;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/** K-way merge of sorted per-node listings; rows with the same path (a prefix several nodes hold) appear once. */
final class MergedListing implements Iterator<ObjectEntry> {

    private record Head(ObjectEntry entry, Iterator<ObjectEntry> source) {}

    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            (a, b) -> KeyOrder.compare(a.entry().path(), b.entry().path()));
    private @Nullable String lastPath;
    private @Nullable ObjectEntry next;

    MergedListing(List<Iterator<ObjectEntry>> sources) {
        for (Iterator<ObjectEntry> source : sources) {
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null && !heads.isEmpty()) {
            Head head = heads.poll();
            if (head.source().hasNext()) {
                heads.add(new Head(head.source().next(), head.source()));
            }
            if (!head.entry().path().equals(lastPath)) {
                next = head.entry();
                lastPath = head.entry().path();
            }
        }
        return next != null;
    }

    @Override
    public ObjectEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ObjectEntry out = next;
        next = null;
        return out;
    }
}
