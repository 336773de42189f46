package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.server.storage.StoredObject;
import java.util.List;

/**
 * One command's work in a map-family job: its input keys and, for map and map-from-n, the name of its single output.
 */
record Task(List<StoredObject> inputs, String output) {

    String key() {
        return inputs.getFirst().key().toString();
    }
}
