package com.s4bsv.s4.shell.client;

/** Told about bytes as a transfer moves them; the shell draws a bar from it, scripts pass {@link #NONE}. */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void start(long total) {}

        @Override
        public void advance(long bytes) {}
    };

    /** Called once before the first byte; {@code total} is -1 when unknown (stdin). */
    void start(long total);

    void advance(long bytes);

    default void finish() {}

    /** One file of many: its bytes count towards {@code whole}, which was started once with the total. */
    static Progress partOf(Progress whole) {
        return new Progress() {
            @Override
            public void start(long total) {}

            @Override
            public void advance(long bytes) {
                whole.advance(bytes);
            }
        };
    }
}
