package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.key.KeyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Entries in key order, and whether more follow. */
public record ListingPage(List<ListingEntry> entries, boolean truncated) {

    /** Merges node pages: key order, common prefixes reported by several nodes once, at most {@code maxKeys}. */
    public static ListingPage merge(List<ListingPage> pages, int maxKeys) {
        TreeMap<String, ListingEntry> merged = new TreeMap<>(KeyOrder.CODE_POINTS);
        boolean truncated = false;
        for (ListingPage page : pages) {
            truncated |= page.truncated();
            for (ListingEntry entry : page.entries()) {
                merged.putIfAbsent(entry.name(), entry);
            }
        }
        List<ListingEntry> entries = new ArrayList<>(Math.min(merged.size(), maxKeys));
        for (ListingEntry entry : merged.values()) {
            if (entries.size() == maxKeys) {
                truncated = true;
                break;
            }
            entries.add(entry);
        }
        return new ListingPage(entries, truncated);
    }
}
