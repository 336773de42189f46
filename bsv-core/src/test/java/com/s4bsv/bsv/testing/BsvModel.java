package com.s4bsv.bsv.testing;

import com.s4bsv.bsv.format.Layout;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny, obviously-correct reference model of the format for tests: rows are lists of byte
 * arrays; {@link #encode} applies the greedy chunking rule, {@link #decode} reads chunks back.
 */
public final class BsvModel {

    private BsvModel() {}

    /** One serialized row. */
    public static byte[] row(List<byte[]> columns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le16(out, columns.size() - 1);
        for (byte[] c : columns) {
            le16(out, c.length);
        }
        for (byte[] c : columns) {
            out.writeBytes(c);
            out.write(0);
        }
        return out.toByteArray();
    }

    /** Rows packed greedily into chunks of at most B bytes, as every writer must. */
    public static byte[] encode(List<List<byte[]>> rows, Layout layout) {
        return chunk(rows.stream().map(BsvModel::row).toList(), layout);
    }

    /** Already serialized rows packed greedily into chunks. */
    public static byte[] chunk(List<byte[]> serializedRows, Layout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (byte[] r : serializedRows) {
            if (r.length > layout.bufferSize()) {
                throw new IllegalArgumentException("row larger than a chunk");
            }
            if (chunk.size() + r.length > layout.bufferSize()) {
                flush(out, chunk);
            }
            chunk.writeBytes(r);
        }
        flush(out, chunk);
        return out.toByteArray();
    }

    private static void flush(ByteArrayOutputStream out, ByteArrayOutputStream chunk) {
        if (chunk.size() > 0) {
            out.writeBytes(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(chunk.size())
                    .array());
            out.writeBytes(chunk.toByteArray());
            chunk.reset();
        }
    }

    /** The chunks of a plain stream, as body byte arrays. */
    public static List<byte[]> chunks(byte[] stream) {
        List<byte[]> chunks = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int size = b.getInt();
            byte[] body = new byte[size];
            b.get(body);
            chunks.add(body);
        }
        return chunks;
    }

    /** Every row of a well-formed plain stream. */
    public static List<List<byte[]>> decode(byte[] stream) {
        List<List<byte[]>> rows = new ArrayList<>();
        for (byte[] chunk : chunks(stream)) {
            ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                int columns = (b.getShort() & 0xFFFF) + 1;
                int[] sizes = new int[columns];
                for (int i = 0; i < columns; i++) {
                    sizes[i] = b.getShort() & 0xFFFF;
                }
                List<byte[]> row = new ArrayList<>();
                for (int i = 0; i < columns; i++) {
                    byte[] c = new byte[sizes[i]];
                    b.get(c);
                    if (b.get() != 0) {
                        throw new AssertionError("missing terminator");
                    }
                    row.add(c);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** CSV text of rows, as the csv tool prints it (a single newline for no rows). */
    public static byte[] csv(List<List<byte[]>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (List<byte[]> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(row.get(i));
            }
            out.write('\n');
        }
        if (rows.isEmpty()) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Rows as comparable lists of strings (ISO-8859-1, so every byte maps to one char) for assertions. */
    public static List<List<String>> text(List<List<byte[]>> rows) {
        return rows.stream()
                .map(r -> r.stream()
                        .map(c -> new String(c, StandardCharsets.ISO_8859_1))
                        .toList())
                .toList();
    }

    /** Column bytes from ISO-8859-1 text. */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static List<byte[]> columns(String... values) {
        return Arrays.stream(values).map(BsvModel::bytes).toList();
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }
}
