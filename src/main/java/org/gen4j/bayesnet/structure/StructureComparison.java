package org.gen4j.bayesnet.structure;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a learned structure compares with a reference: structural Hamming distance (missing + extra + reversed
 * edges) and precision and recall of the skeleton (edges ignoring direction).
 *
 * <pre>{@code
 * StructureComparison c = StructureComparison.of(learned.edges(), asia.edges());
 * }</pre>
 */
public record StructureComparison(int structuralHammingDistance, double skeletonPrecision, double skeletonRecall,
                                  int missing, int extra, int reversed) {

    public static StructureComparison of(List<String[]> learned, List<String[]> reference) {
        Set<String> learnedDirected = directed(learned);
        Set<String> referenceDirected = directed(reference);
        Set<String> learnedSkeleton = undirected(learned);
        Set<String> referenceSkeleton = undirected(reference);
        int common = 0;
        for (String e : learnedSkeleton) {
            common += referenceSkeleton.contains(e) ? 1 : 0;
        }
        int missing = referenceSkeleton.size() - common;
        int extra = learnedSkeleton.size() - common;
        int reversed = 0;
        for (String[] e : learned) {
            if (!referenceDirected.contains(e[0] + "->" + e[1]) && referenceDirected.contains(e[1] + "->" + e[0])) {
                reversed++;
            }
        }
        double precision = learnedSkeleton.isEmpty() ? 1 : (double) common / learnedSkeleton.size();
        double recall = referenceSkeleton.isEmpty() ? 1 : (double) common / referenceSkeleton.size();
        return new StructureComparison(missing + extra + reversed, precision, recall, missing, extra, reversed);
    }

    private static Set<String> directed(List<String[]> edges) {
        Set<String> out = new HashSet<>();
        for (String[] e : edges) {
            out.add(e[0] + "->" + e[1]);
        }
        return out;
    }

    private static Set<String> undirected(List<String[]> edges) {
        Set<String> out = new HashSet<>();
        for (String[] e : edges) {
            out.add(e[0].compareTo(e[1]) < 0 ? e[0] + "--" + e[1] : e[1] + "--" + e[0]);
        }
        return out;
    }
}
