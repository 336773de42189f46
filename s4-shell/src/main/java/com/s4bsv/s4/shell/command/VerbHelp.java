package com.s4bsv.s4.shell.command;

/** The long help of each command: what it does (after the original s4's help), then one or two examples. */
final class VerbHelp {

    private VerbHelp() {}

    static String explanation(Verb verb) {
        return switch (verb) {
            case RM -> """
                    delete data from s4.
                    - PREFIX is one key, or with -r every key under it ("s4://bucket/dir/").
                    - "rm -r s4://bucket/" removes the bucket too: it is no longer listed.""";
            case EVAL -> """
                    eval a bash cmd with key data as stdin.
                    - cmd runs on the server that holds KEY, with the key's data on its stdin.
                    - cmd's stdout is printed; a failing cmd prints its stderr and exits 1.""";
            case LS -> """
                    list keys.
                    - PREFIX is "s4://bucket/" or "s4://bucket/dir/part"; none (or "s4://") lists the buckets.
                    - without -r, keys below the next "/" collapse into "  PRE dir/" rows.
                    - "s4 ls -r s4://" lists every key in every bucket.
                    - an empty or missing prefix prints nothing and exits 1.""";
            case CP -> """
                    copy data to or from s4.
                    - paths can be:
                      - remote: "s4://bucket/key.txt"
                      - local: "./dir/key.txt"
                      - stdin/stdout: "-"
                    - a DST ending in "/" is a dir: the source's name is kept inside it.
                    - use -r to copy directories.
                    - keys cannot be updated, but can be deleted and recreated.
                    - every transfer is checked end to end with CRC32C.""";
            case MAP -> """
                    process data.
                    - map a bash cmd 1:1 over every key in INDIR putting result in OUTDIR.
                    - INDIR and OUTDIR are dirs: they end with "/". INDIR may end in a glob
                      ("s4://b/in/*_1.txt", "s4://b/in/00[01]_*"), matched as Go's path.Match.
                    - cmd receives data via stdin and returns data via stdout.
                    - every key in INDIR will create a key with the same name in OUTDIR.
                    - INDIR will be listed recursively to find keys to map.
                    - prints "ok " per server as it finishes; no key in INDIR is an error (exit 1).""";
            case MAP_TO_N -> """
                    shuffle data.
                    - map a bash cmd 1:n over every key in INDIR putting results in OUTDIR.
                    - INDIR and OUTDIR are dirs: they end with "/" (INDIR may end in a glob, as for map).
                    - cmd receives data via stdin, writes files to disk, and returns file paths via stdout.
                    - every key in INDIR will create a directory with the same name in OUTDIR.
                    - OUTDIR directories contain zero or more files output by cmd.
                    - cmd runs in a tempdir which is deleted on completion.
                    - a file named with a numeric prefix ("000_x") goes to the server of that number.""";
            case MAP_FROM_N -> """
                    merge shuffled data.
                    - map a bash cmd n:1 over every key in INDIR putting result in OUTDIR.
                    - INDIR and OUTDIR are dirs: they end with "/" (INDIR may end in a glob, as for map).
                    - INDIR will be listed recursively to find keys to map.
                    - cmd receives file paths via stdin and returns data via stdout.
                    - each cmd receives all keys with the same name or numeric prefix.
                    - output name is that name.""";
            case CONFIG -> """
                    list the server addresses.
                    - one host:port per line, in ring order, from the cluster config.""";
            case HEALTH -> """
                    health check every server.
                    - one "healthy:" or "unhealthy:" line per server; exits 1 when any is unhealthy.""";
        };
    }

    static String examples(Verb verb) {
        return switch (verb) {
            case RM -> """
                    s4 rm s4://bucket/data.txt
                    s4 rm -r s4://bucket/dir/""";
            case EVAL -> """
                    s4 eval s4://bucket/data.txt 'wc -l'
                    s4 eval s4://bucket/rows.bsv 'bcut 1 | bcountrows | csv'""";
            case LS -> """
                    s4 ls s4://bucket/dir/
                    s4 ls -r s4://bucket/""";
            case CP -> """
                    echo hello world | s4 cp - s4://bucket/data.txt
                    s4 cp s4://bucket/data.txt -
                    s4 cp -r ./dir/ s4://bucket/dir/""";
            case MAP -> """
                    s4 map s4://bucket/in/ s4://bucket/upper/ 'tr a-z A-Z'""";
            case MAP_TO_N -> """
                    s4 map-to-n s4://bucket/rows/ s4://bucket/parts/ 'bcut 1,2 | bpartition 3'""";
            case MAP_FROM_N -> """
                    s4 map-from-n s4://bucket/parts/ s4://bucket/merged/ 'xargs cat'""";
            case CONFIG -> """
                    s4 config
                    s4 config -c other-cluster.conf""";
            case HEALTH -> """
                    s4 health""";
        };
    }
}
