package com.s4bsv.bsv.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The pool lends an array to one tool run at a time: back at the end of the run or when replaced, zeroed when lent
 * again, never to two holders, and never kept past its bound. Each test has a pool of its own.
 */
class BufferPoolTest {

    private final BufferPool pool = new BufferPool(64L << 20);

    @Property
    void aLengthHoldsTheMinimumAndStaysWithinTheCap(
            @ForAll @IntRange(min = 0, max = 1 << 24) int min, @ForAll @IntRange(min = 0, max = 1 << 24) int extra) {
        int cap = min + extra;
        int length = BufferPool.lengthFor(min, cap);
        assertThat(length).isBetween(min, cap);
        assertThat(length == cap || Integer.bitCount(length) == 1 || length == 0)
                .as("%d for min %d, cap %d", length, min, cap)
                .isTrue();
    }

    @Test
    void aMinimumAboveTheCapIsABug() {
        assertThatThrownBy(() -> BufferPool.lengthFor(10, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outsideARunArraysAreNewAndNotKept() {
        byte[] a = BufferPool.take(1000, 1001);
        BufferPool.give(a);
        byte[] b = BufferPool.take(1000, 1001);
        assertThat(b).isNotSameAs(a).hasSize(1001);
    }

    @Test
    void whatARunHeldIsLentAgainZeroed() {
        byte[] first;
        try (BufferPool.Scope ignored = pool.openScope()) {
            first = BufferPool.take(2000, 2001);
            Arrays.fill(first, (byte) 7);
        }
        try (BufferPool.Scope ignored = pool.openScope()) {
            byte[] again = BufferPool.take(2000, 2001);
            assertThat(again).isSameAs(first);
            assertThat(again).containsOnly((byte) 0);
        }
    }

    @Test
    void anArrayGivenBackOnTheWayIsNotReturnedTwiceAtTheEnd() {
        try (BufferPool.Scope ignored = pool.openScope()) {
            byte[] grown = BufferPool.take(3000, 3001);
            BufferPool.give(grown);
            BufferPool.give(grown);
        }
        try (BufferPool.Scope ignored = pool.openScope()) {
            byte[] one = BufferPool.take(3000, 3001);
            byte[] two = BufferPool.take(3000, 3001);
            assertThat(two).isNotSameAs(one);
        }
    }

    @Test
    void anArrayTheRunDidNotTakeIsNotKept() {
        byte[] foreign = new byte[4001];
        try (BufferPool.Scope ignored = pool.openScope()) {
            BufferPool.give(foreign);
            assertThat(BufferPool.take(4000, 4001)).isNotSameAs(foreign);
        }
    }

    @Test
    void aRunInsideARunReturnsOnlyItsOwn() {
        try (BufferPool.Scope outer = pool.openScope()) {
            byte[] outers = BufferPool.take(5000, 5001);
            try (BufferPool.Scope inner = pool.openScope()) {
                BufferPool.take(5000, 5001);
            }
            // still the outer run's: the inner close neither pooled it nor ended the outer scope
            assertThat(BufferPool.take(5000, 5001)).isNotSameAs(outers);
            BufferPool.give(outers);
            assertThat(BufferPool.take(5000, 5001)).isSameAs(outers);
        }
    }

    @Test
    void thePoolKeepsNoMoreThanItsBound() {
        int length = (1 << 20) + 1;
        BufferPool small = new BufferPool(8L << 20);
        try (BufferPool.Scope ignored = small.openScope()) {
            for (int i = 0; i < 20; i++) {
                BufferPool.take(length, length);
            }
        }
        assertThat(small.pooledBytes()).isLessThanOrEqualTo(8L << 20).isGreaterThan(6L << 20);
    }

    @Test
    void aFullPoolMakesRoomForWhatWasJustReturned() {
        BufferPool small = new BufferPool(4L << 20);
        try (BufferPool.Scope ignored = small.openScope()) {
            for (int i = 0; i < 4; i++) {
                BufferPool.take(1 << 20, 1 << 20);
            }
        }
        byte[] recent;
        try (BufferPool.Scope ignored = small.openScope()) {
            recent = BufferPool.take(3 << 20, 3 << 20);
        }
        assertThat(small.pooledBytes()).isLessThanOrEqualTo(4L << 20);
        try (BufferPool.Scope ignored = small.openScope()) {
            assertThat(BufferPool.take(3 << 20, 3 << 20)).isSameAs(recent);
        }
    }
}
