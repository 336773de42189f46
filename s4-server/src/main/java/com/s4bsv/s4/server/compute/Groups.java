package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.placement.Placement;
import com.s4bsv.s4.server.storage.StoredObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * map-from-n grouping (spec 7.6): inputs meet by the numeric part of their basename before the first '_' (the
 * shuffle partition), or by the whole basename when that part is not all digits. The output keeps a shared suffix.
 */
final class Groups {

    /**
     * @param output the output's name under outdir: the prefix, plus {@code _S} when every input has a numeric
     *               prefix and the same part S after its first '_'
     * @param inputs in walk order
     */
    record Group(String output, List<StoredObject> inputs) {}

    private Groups() {}

    /** Groups inputs given in walk order; groups come in the order their first input appears. */
    static List<Group> of(List<StoredObject> inputs) {
        Map<String, List<StoredObject>> byPrefix = new LinkedHashMap<>();
        for (StoredObject input : inputs) {
            byPrefix.computeIfAbsent(prefix(input.key().basename()), p -> new ArrayList<>())
                    .add(input);
        }
        List<Group> groups = new ArrayList<>();
        byPrefix.forEach((prefix, members) -> groups.add(new Group(prefix + suffix(members), members)));
        return groups;
    }

    static String prefix(String basename) {
        int digits = Placement.numericPrefixLength(basename);
        return digits > 0 ? basename.substring(0, digits) : basename;
    }

    static String suffix(List<StoredObject> members) {
        String shared = null;
        for (StoredObject member : members) {
            String basename = member.key().basename();
            int underscore = basename.indexOf('_');
            if (Placement.numericPrefixLength(basename) == 0 || underscore < 0) {
                return "";
            }
            String part = basename.substring(underscore + 1);
            if (shared == null) {
                shared = part;
            } else if (!shared.equals(part)) {
                return "";
            }
        }
        return shared == null ? "" : "_" + shared;
    }
}
