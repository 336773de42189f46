package com.s4bsv.s4.shell.client;

/** Receives the merged progress of a job as the nodes stream it; called from several threads. */
public interface JobListener {

    /** Latest counters of one node (each call replaces that node's previous counters). */
    void progress(String node, long keysDone, long keysTotal, long bytesIn, long bytesOut);

    /** One node finished all its keys. */
    void nodeDone(String node, long keys, long outputs);
}
