package com.s4bsv.bsv.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes on byte arrays; the byte order is in the name, never implied. */
public final class LittleEndian {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {}

    public static int u16(byte[] b, int off) {
        return (short) SHORT.get(b, off) & 0xFFFF;
    }

    public static short i16(byte[] b, int off) {
        return (short) SHORT.get(b, off);
    }

    public static int i32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    public static long i64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    public static void putU16(byte[] b, int off, int v) {
        SHORT.set(b, off, (short) v);
    }

    public static void putI32(byte[] b, int off, int v) {
        INT.set(b, off, v);
    }

    public static void putI64(byte[] b, int off, long v) {
        LONG.set(b, off, v);
    }
}
