package com.s4bsv.s4.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class PlacementPropertiesTest {

    @Property
    void isAPureFunctionOfBasenameAndNodeCount(
            @ForAll @StringLength(min = 1, max = 80) String basename, @ForAll @IntRange(min = 1, max = 64) int nodes) {
        int first = Placement.nodeIndex(basename, nodes);
        assertThat(Placement.nodeIndex(new String(basename.toCharArray()), nodes))
                .isEqualTo(first);
        assertThat(first).isBetween(0, nodes - 1);
    }

    @Property
    void numericPrefixMapsToItsIntegerModN(
            @ForAll("digits") String number,
            @ForAll("suffixes") String suffix,
            @ForAll @IntRange(min = 1, max = 64) int nodes) {
        int expected = new BigInteger(number).mod(BigInteger.valueOf(nodes)).intValue();
        assertThat(Placement.nodeIndex(number + suffix, nodes)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().alpha().numeric().ofMaxLength(10).map(s -> "_" + s));
    }

    /**
     * "Within 2% of even": every node's share of the names is within 2 points of 1/N, and the spread is what a
     * uniform hash gives (chi-square below the 0.1% critical value), so the bound is tight without being flaky.
     */
    @Example
    void spreadsRandomNamesEvenlyForUpTo16Nodes() {
        int names = 100_000;
        var random = new Random(42);
        String[] basenames = new String[names];
        for (int i = 0; i < names; i++) {
            basenames[i] = "k" + Long.toHexString(random.nextLong()) + ".txt";
        }
        for (int nodes = 2; nodes <= 16; nodes++) {
            int[] load = new int[nodes];
            for (String basename : basenames) {
                load[Placement.nodeIndex(basename, nodes)]++;
            }
            double even = (double) names / nodes;
            double chiSquare = 0;
            for (int node = 0; node < nodes; node++) {
                assertThat(Math.abs(load[node] - even) / names)
                        .as("share of node %d of %d", node, nodes)
                        .isLessThanOrEqualTo(0.02);
                chiSquare += (load[node] - even) * (load[node] - even) / even;
            }
            assertThat(chiSquare).as("chi-square for %d nodes", nodes).isLessThan(chiSquareCritical999(nodes - 1));
        }
    }

    // Wilson-Hilferty approximation of the 99.9% quantile of chi-square with k degrees of freedom.
    private static double chiSquareCritical999(int k) {
        double z = 3.0902;
        double a = 2.0 / (9.0 * k);
        return k * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }
}
