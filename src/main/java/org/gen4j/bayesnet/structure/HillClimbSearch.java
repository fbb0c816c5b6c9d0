package org.gen4j.bayesnet.structure;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.Require;
import org.gen4j.data.DiscreteTable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Score-based structure search: greedy hill climbing over adding, removing and reversing one edge, with a tabu
 * list (the last moves may not be undone), a maximum in-degree, forbidden (black list) and required (white list)
 * edges, and random restarts from perturbations of the best structure. Family scores are cached
 * ({@link StructureScore}), so each move re-scores only the one or two families it changes.
 *
 * <pre>{@code
 * Dag dag = HillClimbSearch.builder().maxParents(3).restarts(5).seed(1).build()
 *         .search(new StructureScore(StructureScore.Kind.BIC, 0, rows));
 * }</pre>
 */
public final class HillClimbSearch {
    private final int maxParents;
    private final int tabuLength;
    private final int patience;
    private final int restarts;
    private final int perturbation;
    private final long seed;
    private final Set<Long> blackList;
    private final Set<Long> whiteList;

    private HillClimbSearch(Builder b) {
        this.maxParents = b.maxParents;
        this.tabuLength = b.tabuLength;
        this.patience = b.patience;
        this.restarts = b.restarts;
        this.perturbation = b.perturbation;
        this.seed = b.seed;
        this.blackList = b.blackList;
        this.whiteList = b.whiteList;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static long edge(int from, int to) {
        return ((long) from << 32) | to;
    }

    public Dag search(StructureScore score) {
        int v = score.variables().size();
        boolean[][] adjacency = new boolean[v][v];
        for (long e : whiteList) {
            adjacency[(int) (e >> 32)][(int) e] = true;
        }
        if (hasCycle(adjacency)) {
            throw new Gen4jException("the required edges (white list) form a cycle");
        }
        Random random = new Random(seed);
        boolean[][] best = climb(score, adjacency);
        double bestScore = score.total(parentLists(best));
        for (int r = 0; r < restarts; r++) {
            boolean[][] start = copy(best);
            perturb(start, random);
            boolean[][] local = climb(score, start);
            double localScore = score.total(parentLists(local));
            if (localScore > bestScore + 1e-9) {
                best = local;
                bestScore = localScore;
            }
        }
        return new Dag(score.variables(), parentLists(best), bestScore);
    }

    private boolean[][] climb(StructureScore score, boolean[][] start) {
        int v = start.length;
        boolean[][] current = copy(start);
        double currentScore = score.total(parentLists(current));
        boolean[][] best = copy(current);
        double bestScore = currentScore;
        Deque<Long> tabu = new ArrayDeque<>();
        int sinceImprovement = 0;
        while (sinceImprovement <= patience) {
            Move move = bestMove(score, current, tabu);     // (its families counted in one request first)
            if (move == null || move.delta <= 1e-9 && tabuLength == 0) {
                break;
            }
            move.apply(current);
            currentScore += move.delta;
            tabu.addLast(move.undoKey());
            while (tabu.size() > tabuLength) {
                tabu.removeFirst();
            }
            if (currentScore > bestScore + 1e-9) {
                best = copy(current);
                bestScore = currentScore;
                sinceImprovement = 0;
            } else {
                sinceImprovement++;
            }
        }
        return best;
    }

    /** One edge change and the score difference it makes. */
    private record Move(int kind, int from, int to, double delta) {
        static final int ADD = 0;
        static final int REMOVE = 1;
        static final int REVERSE = 2;

        void apply(boolean[][] a) {
            switch (kind) {
                case ADD -> a[from][to] = true;
                case REMOVE -> a[from][to] = false;
                default -> {
                    a[from][to] = false;
                    a[to][from] = true;
                }
            }
        }

        /** The key of the move that would undo this one, which the tabu list forbids for a while. */
        long undoKey() {
            return switch (kind) {
                case ADD -> key(REMOVE, from, to);
                case REMOVE -> key(ADD, from, to);
                default -> key(REVERSE, to, from);
            };
        }

        long key() {
            return key(kind, from, to);
        }

        static long key(int kind, int from, int to) {
            return ((long) kind << 40) | ((long) from << 20) | to;
        }
    }

    private Move bestMove(StructureScore score, boolean[][] a, Deque<Long> tabu) {
        // a dry run lists the families this step scores; counting them together is one pass over partitioned cases
        java.util.Set<CountSource.Family> needed = new java.util.LinkedHashSet<>();
        bestMove((child, parents) -> {
            needed.add(new CountSource.Family(child, parents));
            return 0;
        }, a, tabu);
        score.prefetch(needed);
        return bestMove(score::family, a, tabu);
    }

    /** The score of a family, from a {@link StructureScore} or a dry run recording which families are asked for. */
    @FunctionalInterface
    private interface FamilyScore {
        double of(int child, int[] parents);
    }

    private Move bestMove(FamilyScore score, boolean[][] a, Deque<Long> tabu) {
        int v = a.length;
        Move best = null;
        for (int from = 0; from < v; from++) {
            for (int to = 0; to < v; to++) {
                if (from == to) {
                    continue;
                }
                List<Move> candidates = new ArrayList<>(2);
                if (!a[from][to] && !a[to][from]) {
                    if (!blackList.contains(edge(from, to)) && inDegree(a, to) < maxParents && !reaches(a, to, from)) {
                        candidates.add(new Move(Move.ADD, from, to, change(score, a, to, from, true)));
                    }
                } else if (a[from][to] && !whiteList.contains(edge(from, to))) {
                    candidates.add(new Move(Move.REMOVE, from, to, change(score, a, to, from, false)));
                    if (!blackList.contains(edge(to, from)) && inDegree(a, from) < maxParents && !reversalMakesCycle(a, from, to)) {
                        double delta = change(score, a, to, from, false) + change(score, a, from, to, true);
                        candidates.add(new Move(Move.REVERSE, from, to, delta));
                    }
                }
                for (Move m : candidates) {
                    if (!tabu.contains(m.key()) && (best == null || m.delta > best.delta)) {
                        best = m;
                    }
                }
            }
        }
        return best;
    }

    /** The change in the family score of {@code child} when {@code parent} is added or removed. */
    private static double change(FamilyScore score, boolean[][] a, int child, int parent, boolean add) {
        int[] now = parentsOf(a, child);
        int[] next = add ? append(now, parent) : java.util.Arrays.stream(now).filter(p -> p != parent).toArray();
        return score.of(child, next) - score.of(child, now);
    }

    private static int[] append(int[] values, int extra) {
        int[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = extra;
        return out;
    }

    private static int inDegree(boolean[][] a, int child) {
        int d = 0;
        for (boolean[] row : a) {
            d += row[child] ? 1 : 0;
        }
        return d;
    }

    private static int[] parentsOf(boolean[][] a, int child) {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i][child]) {
                p.add(i);
            }
        }
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<int[]> parentLists(boolean[][] a) {
        List<int[]> out = new ArrayList<>();
        for (int v = 0; v < a.length; v++) {
            out.add(parentsOf(a, v));
        }
        return out;
    }

    /** Whether a directed path leads from {@code from} to {@code to}. */
    private static boolean reaches(boolean[][] a, int from, int to) {
        Deque<Integer> stack = new ArrayDeque<>(List.of(from));
        Set<Integer> seen = new HashSet<>();
        while (!stack.isEmpty()) {
            int x = stack.pop();
            if (x == to) {
                return true;
            }
            if (seen.add(x)) {
                for (int y = 0; y < a.length; y++) {
                    if (a[x][y]) {
                        stack.push(y);
                    }
                }
            }
        }
        return false;
    }

    /** Whether reversing from → to would close a cycle: another directed path from → ... → to. */
    private static boolean reversalMakesCycle(boolean[][] a, int from, int to) {
        a[from][to] = false;
        boolean cycle = reaches(a, from, to);
        a[from][to] = true;
        return cycle;
    }

    private static boolean hasCycle(boolean[][] a) {
        for (int v = 0; v < a.length; v++) {
            for (int w = 0; w < a.length; w++) {
                if (a[v][w] && reaches(a, w, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Random legal edge changes, so that a restart explores elsewhere. */
    private void perturb(boolean[][] a, Random random) {
        int v = a.length;
        for (int i = 0; i < perturbation; i++) {
            int from = random.nextInt(v);
            int to = random.nextInt(v);
            if (from == to || whiteList.contains(edge(from, to))) {
                continue;
            }
            if (a[from][to]) {
                a[from][to] = false;
            } else if (!a[to][from] && !blackList.contains(edge(from, to)) && inDegree(a, to) < maxParents && !reaches(a, to, from)) {
                a[from][to] = true;
            }
        }
    }

    private static boolean[][] copy(boolean[][] a) {
        boolean[][] out = new boolean[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** Starts from {@link SearchOptions#DEFAULTS}. */
    public static final class Builder {
        private int maxParents = SearchOptions.DEFAULTS.maxParents();
        private int tabuLength = SearchOptions.DEFAULTS.tabuLength();
        private int patience = SearchOptions.DEFAULTS.patience();
        private int restarts = SearchOptions.DEFAULTS.restarts();
        private int perturbation = SearchOptions.DEFAULTS.perturbation();
        private long seed = SearchOptions.DEFAULTS.seed();
        private final Set<Long> blackList = new HashSet<>();
        private final Set<Long> whiteList = new HashSet<>();

        private Builder() {
        }

        /** Maximum in-degree (default 3). */
        public Builder maxParents(int value) {
            this.maxParents = Require.atLeast("maxParents", value, 0);
            return this;
        }

        /** How many recent moves may not be undone (default 10; 0 = plain hill climbing). */
        public Builder tabuLength(int value) {
            this.tabuLength = Require.atLeast("tabuLength", value, 0);
            return this;
        }

        /** Non-improving moves allowed in a row before a climb stops (default 10). */
        public Builder patience(int value) {
            this.patience = Require.atLeast("patience", value, 0);
            return this;
        }

        /** Random restarts from perturbations of the best structure (default 0). */
        public Builder restarts(int value) {
            this.restarts = Require.atLeast("restarts", value, 0);
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Forbids the edge from → to (variable indices). */
        public Builder forbid(int from, int to) {
            blackList.add(edge(from, to));
            return this;
        }

        /** Requires the edge from → to (variable indices). */
        public Builder require(int from, int to) {
            whiteList.add(edge(from, to));
            return this;
        }

        public HillClimbSearch build() {
            for (long e : whiteList) {
                if (blackList.contains(e)) {
                    throw new Gen4jException("an edge is both required and forbidden");
                }
            }
            return new HillClimbSearch(this);
        }
    }
}
