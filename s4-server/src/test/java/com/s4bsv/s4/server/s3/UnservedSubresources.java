package com.s4bsv.s4.server.s3;

import java.util.List;

/** The subresources of the S3 API that s4 does not serve (AWS's REST API reference, bucket and object). */
public final class UnservedSubresources {

    public static final List<String> ALL = List.of(
            "acl",
            "accelerate",
            "analytics",
            "attributes",
            "cors",
            "encryption",
            "intelligent-tiering",
            "inventory",
            "legal-hold",
            "lifecycle",
            "logging",
            "metadataTable",
            "metrics",
            "notification",
            "object-lock",
            "ownershipControls",
            "policy",
            "policyStatus",
            "publicAccessBlock",
            "renameObject",
            "replication",
            "requestPayment",
            "restore",
            "retention",
            "select",
            "session",
            "tagging",
            "torrent",
            "versionId",
            "versioning",
            "versions",
            "website");

    private UnservedSubresources() {}
}
