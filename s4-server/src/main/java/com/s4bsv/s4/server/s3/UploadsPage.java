package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.server.storage.MultipartUploads.OpenUpload;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of ListMultipartUploads over uploads in order: after the markers, common prefixes rolled up (each
 * counting as one), at most {@code max} entries.
 */
record UploadsPage(
        List<OpenUpload> uploads,
        List<String> prefixes,
        boolean truncated,
        String nextKeyMarker,
        String nextUploadIdMarker) {

    static UploadsPage of(
            List<OpenUpload> ordered, String prefix, String delimiter, String keyMarker, String idMarker, int max) {
        List<OpenUpload> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String nextKey = "";
        String nextId = "";
        int count = 0;
        boolean afterIdMarker = idMarker.isEmpty();
        for (OpenUpload upload : ordered) {
            String key = upload.key().path();
            if (!key.startsWith(prefix) || !afterMarkers(upload, keyMarker, idMarker, delimiter)) {
                continue;
            }
            if (!afterIdMarker && key.equals(keyMarker)) {
                // the marker key's uploads up to and including upload-id-marker were on earlier pages
                afterIdMarker = upload.uploadId().equals(idMarker);
                continue;
            }
            int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            String common = cut < 0 ? null : key.substring(0, cut + delimiter.length());
            if (common != null && !prefixes.isEmpty() && prefixes.getLast().equals(common)) {
                continue;
            }
            if (count == max) {
                return new UploadsPage(uploads, prefixes, true, nextKey, nextId);
            }
            count++;
            if (common != null) {
                prefixes.add(common);
                nextKey = common;
                nextId = "";
            } else {
                uploads.add(upload);
                nextKey = key;
                nextId = upload.uploadId();
            }
        }
        return new UploadsPage(uploads, prefixes, false, "", "");
    }

    /** S3: after key-marker; with upload-id-marker also the marker key's later uploads; a prefix marker skips it. */
    private static boolean afterMarkers(OpenUpload upload, String keyMarker, String idMarker, String delimiter) {
        if (keyMarker.isEmpty()) {
            return true;
        }
        String key = upload.key().path();
        int order = KeyOrder.compare(key, keyMarker);
        if (order == 0) {
            return !idMarker.isEmpty();
        }
        if (!delimiter.isEmpty() && keyMarker.endsWith(delimiter) && key.startsWith(keyMarker)) {
            return false;
        }
        return order > 0;
    }
}
