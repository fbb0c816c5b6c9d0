package org.gen4j.hmm;

import org.gen4j.core.FitSummary;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Provenance;
import org.gen4j.data.SequenceBatch;
import org.gen4j.distributions.ComputeWorkspace;
import org.gen4j.distributions.CovarianceType;
import org.gen4j.distributions.GaussianStatistics;
import org.gen4j.distributions.KMeans;
import org.gen4j.distributions.PreparedData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fits {@link HiddenMarkovModel}s by Baum–Welch (expectation–maximisation over state paths), batched over the
 * sequences of a {@link SequenceBatch}.
 *
 * <pre>{@code
 * HiddenMarkovModel hmm = BaumWelch.builder().states(3).gaussian(CovarianceType.FULL).nInit(3).seed(7)
 *         .build().fit(SequenceBatch.of(returns));
 * }</pre>
 *
 * Which parameters are learned is chosen with {@code params} ("s" start, "t" transitions, "e" emissions, as in
 * hmmlearn); parameters given to the builder are the starting values, the rest are initialised (k-means for
 * Gaussian and Poisson emissions, random rows for categorical ones). Transition probabilities that start at zero
 * stay zero, so left-right topologies are kept. Dirichlet priors on start and transition probabilities act as
 * pseudo-counts (concentration − 1, as hmmlearn's {@code startprob_prior} and {@code transmat_prior}).
 */
public final class BaumWelch {
    private final Builder config;

    @FunctionalInterface
    public interface IterationListener {
        void iterationDone(int run, int iteration, double logLikelihood);
    }

    private BaumWelch(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public HiddenMarkovModel fit(SequenceBatch batch) {
        INDArray observations = batch.concatenated().castTo(config.dataType);
        if (observations.rows() < config.states) {
            throw new Gen4jException("the data has " + observations.rows() + " steps, fewer than the " + config.states + " states");
        }
        Random random = new Random(config.seed);
        Run best = null;
        for (int run = 0; run < config.nInit; run++) {
            Start start = initialise(observations, new Random(random.nextLong()));
            Run result = iterate(batch, observations, start, run);
            if (best == null || result.logLikelihood > best.logLikelihood) {
                best = result;
            }
        }
        FitSummary summary = new FitSummary(best.converged, best.iterations, best.logLikelihood, best.history);
        Provenance provenance = Provenance.now(BaumWelch.class.getName(), config.asMap(), batch.toString(), batch.columns());
        return new HiddenMarkovModel(best.start.startProb, best.start.transMat, best.start.emission, summary, provenance);
    }

    private record Start(INDArray startProb, INDArray transMat, Emission emission) {
    }

    private record Run(Start start, boolean converged, int iterations, double logLikelihood, double[] history) {
    }

    private Run iterate(SequenceBatch batch, INDArray observations, Start start, int run) {
        Start current = start;
        if (observations.columns() != start.emission.dimensions()) {
            throw new Gen4jException("the sequences have " + observations.columns() + " columns, the emission expects "
                    + start.emission.dimensions());
        }
        start.emission.check(observations);
        Emission.Observations prepared;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            prepared = start.emission.prepare(observations);
        }
        List<Double> history = new ArrayList<>();
        double logLikelihood = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int iteration = 0;
        while (iteration < config.maxIter) {
            iteration++;
            double previous = logLikelihood;
            try (MemoryWorkspace ignored = ComputeWorkspace.open("gen4j-hmm-baum-welch")) {
                ForwardBackward.Result e = ForwardBackward.run(current.startProb, current.transMat,
                        current.emission.logLikelihood(prepared), batch.lengths(), true);
                logLikelihood = java.util.Arrays.stream(e.logLikelihood()).sum();
                current = maximize(current, prepared, e);
            }
            history.add(logLikelihood);
            config.listener.iterationDone(run, iteration, logLikelihood);
            if (config.tol > 0 && logLikelihood - previous < config.tol) {
                converged = true;
                break;
            }
        }
        double[] values = history.stream().mapToDouble(Double::doubleValue).toArray();
        return new Run(current, converged, iteration, logLikelihood, values);
    }

    /** The M-step; the new parameters are detached from the iteration's workspace. */
    private Start maximize(Start current, Emission.Observations observations, ForwardBackward.Result e) {
        INDArray startProb = current.startProb;
        if (config.params.contains("s")) {
            INDArray counts = e.firstPosteriors().addi(config.startPrior - 1);
            startProb = normalizedRows(Transforms.max(counts, 0.0, false).reshape(1, counts.length()), current.startProb.reshape(1, counts.length()))
                    .reshape(counts.length());
        }
        INDArray transMat = current.transMat;
        if (config.params.contains("t")) {
            INDArray counts = e.transitionCounts().addi(config.transitionPrior - 1);
            // a transition that started at zero stays zero whatever the prior
            counts.muli(current.transMat.gt(0).castTo(counts.dataType()));
            transMat = normalizedRows(Transforms.max(counts, 0.0, false), current.transMat);
        }
        Emission emission = current.emission;
        if (config.params.contains("e")) {
            Emission.Accumulator accumulator = current.emission.accumulator();
            accumulator.add(observations, e.posteriors());
            emission = accumulator.maximize();
        }
        return new Start(startProb.detach(), transMat.detach(), detached(emission));
    }

    /** Rows scaled to sum to 1; a row with no mass keeps its previous values. */
    private static INDArray normalizedRows(INDArray counts, INDArray previous) {
        INDArray sums = counts.sum(true, 1);
        double[] s = sums.toDoubleVector();
        INDArray out = counts.dup();
        for (int r = 0; r < s.length; r++) {
            if (s[r] > 0) {
                out.getRow(r).divi(s[r]);
            } else {
                out.getRow(r).assign(previous.getRow(r));
            }
        }
        return out;
    }

    private static Emission detached(Emission emission) {
        if (emission instanceof GaussianEmission g) {
            return new GaussianEmission(g.gaussians().detached(), g.regCovar());
        }
        if (emission instanceof CategoricalEmission c) {
            return new CategoricalEmission(c.probabilities().detach());
        }
        if (emission instanceof PoissonEmission p) {
            return new PoissonEmission(p.rates().detach());
        }
        if (emission instanceof GaussianMixtureEmission m) {
            return new GaussianMixtureEmission(m.gaussians().detached(), m.weights().detach(), m.regCovar());
        }
        return emission;
    }

    private Start initialise(INDArray x, Random random) {
        int k = config.states;
        DataType dtype = config.dataType;
        INDArray startProb = config.startProb != null ? config.startProb.castTo(dtype)
                : Nd4j.valueArrayOf(new long[]{k}, 1.0 / k, dtype);
        INDArray transMat = config.transMat != null ? config.transMat.castTo(dtype)
                : Nd4j.valueArrayOf(new long[]{k, k}, 1.0 / k, dtype);
        Emission emission = config.emission != null ? config.emission : initialEmission(x, random);
        if (config.emissionKind.equals(GaussianMixtureEmission.KIND) && config.mixtures < 2 && config.emission == null) {
            throw new Gen4jException("a Gaussian mixture emission needs at least 2 components per state (use gaussian for 1)");
        }
        if (emission.states() != k) {
            throw new Gen4jException("the given emission has " + emission.states() + " states, the model " + k);
        }
        return new Start(startProb, transMat, emission);
    }

    private Emission initialEmission(INDArray x, Random random) {
        int k = config.states;
        return switch (config.emissionKind) {
            case GaussianEmission.KIND -> {
                INDArray labels = KMeans.nearest(x, KMeans.lloyd(x, KMeans.plusPlusCentres(x, k, random)));
                INDArray resp = KMeans.oneHot(labels, k, x.dataType());
                INDArray shift = x.mean(true, 0);
                GaussianStatistics statistics = new GaussianStatistics(config.covariance, shift);
                statistics.add(PreparedData.of(x, shift, config.covariance), resp, null);
                yield new GaussianEmission(statistics.maximize(config.regCovar).components(), config.regCovar);
            }
            case PoissonEmission.KIND -> {
                INDArray centres = KMeans.lloyd(x, KMeans.plusPlusCentres(x, k, random));
                yield new PoissonEmission(Transforms.max(centres, PoissonEmission.MIN_RATE, false).addi(1e-3));
            }
            case GaussianMixtureEmission.KIND -> {
                // as hmmlearn: k-means into K state clusters, then k-means into M components within each
                int m = config.mixtures;
                int[] stateOf = KMeans.nearest(x, KMeans.lloyd(x, KMeans.plusPlusCentres(x, k, random))).toIntVector();
                int[] componentOf = new int[stateOf.length];
                for (int state = 0; state < k; state++) {
                    int[] rows = rowsOf(stateOf, state);
                    INDArray members = rows.length >= m ? x.getRows(rows) : x;
                    INDArray centres = KMeans.lloyd(members, KMeans.plusPlusCentres(members, m, random));
                    int[] nearest = KMeans.nearest(x.getRows(rows.length > 0 ? rows : new int[]{0}), centres).toIntVector();
                    for (int i = 0; i < rows.length; i++) {
                        componentOf[rows[i]] = state * m + nearest[i];
                    }
                }
                INDArray resp = KMeans.oneHot(Nd4j.createFromArray(componentOf), k * m, x.dataType());
                INDArray shift = x.mean(true, 0);
                GaussianStatistics statistics = new GaussianStatistics(config.covariance, shift);
                statistics.add(PreparedData.of(x, shift, config.covariance), resp, null);
                yield new GaussianMixtureEmission(statistics.maximize(config.regCovar).components(),
                        Nd4j.valueArrayOf(new long[]{k, m}, 1.0 / m, x.dataType()), config.regCovar);
            }
            case CategoricalEmission.KIND -> {
                int symbols = config.symbols > 0 ? config.symbols : (int) x.maxNumber().doubleValue() + 1;
                yield CategoricalEmission.random(k, symbols, random, x.dataType());
            }
            default -> throw new IllegalStateException("emission kind " + config.emissionKind);
        };
    }

    private static int[] rowsOf(int[] labels, int label) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
    }

    /** Hyperparameters, each checked when set. */
    public static final class Builder {
        private int states = 2;
        private String emissionKind = GaussianEmission.KIND;
        private CovarianceType covariance = CovarianceType.DIAG;
        private int symbols = -1;
        private int mixtures = 1;
        private double regCovar = 1e-6;
        private double tol = 1e-2;
        private int maxIter = 100;
        private int nInit = 1;
        private long seed = 0;
        private String params = "ste";
        private double startPrior = 1.0;
        private double transitionPrior = 1.0;
        private INDArray startProb;
        private INDArray transMat;
        private Emission emission;
        private DataType dataType = DataType.DOUBLE;
        private IterationListener listener = (run, iteration, ll) -> { };

        private Builder() {
        }

        /** Number of hidden states K (at least 1). */
        public Builder states(int k) {
            if (k < 1) {
                throw new Gen4jException("states must be at least 1, got " + k);
            }
            this.states = k;
            return this;
        }

        /** Gaussian emissions with the given covariance type (default: diagonal). */
        public Builder gaussian(CovarianceType type) {
            this.emissionKind = GaussianEmission.KIND;
            this.covariance = type;
            return this;
        }

        /** Categorical emissions over symbols 0..M-1 (M from the data when not positive). */
        public Builder categorical(int symbolCount) {
            this.emissionKind = CategoricalEmission.KIND;
            this.symbols = symbolCount;
            return this;
        }

        /** A mixture of M Gaussians per state, with the given covariance type. */
        public Builder gaussianMixture(int componentsPerState, CovarianceType type) {
            if (componentsPerState < 1) {
                throw new Gen4jException("mixtures per state must be at least 1, got " + componentsPerState);
            }
            this.emissionKind = componentsPerState == 1 ? GaussianEmission.KIND : GaussianMixtureEmission.KIND;
            this.mixtures = componentsPerState;
            this.covariance = type;
            return this;
        }

        public Builder poisson() {
            this.emissionKind = PoissonEmission.KIND;
            return this;
        }

        /** gaussian, gmm, categorical or poisson. */
        public Builder emission(String kind) {
            String k = kind.trim().toLowerCase(Locale.ROOT);
            if (!List.of(GaussianEmission.KIND, CategoricalEmission.KIND, PoissonEmission.KIND,
                    GaussianMixtureEmission.KIND).contains(k)) {
                throw new Gen4jException("unknown emission '" + kind + "' (expected gaussian, gmm, categorical or poisson)");
            }
            this.emissionKind = k;
            return this;
        }

        public Builder covariance(CovarianceType type) {
            this.covariance = type;
            return this;
        }

        public Builder regCovar(double value) {
            if (!(value >= 0)) {
                throw new Gen4jException("regCovar must be >= 0, got " + value);
            }
            this.regCovar = value;
            return this;
        }

        /** Stop when the total log-likelihood gains less than this (default 1e-2, as hmmlearn); 0 runs maxIter. */
        public Builder tol(double value) {
            if (!(value >= 0)) {
                throw new Gen4jException("tol must be >= 0, got " + value);
            }
            this.tol = value;
            return this;
        }

        public Builder maxIter(int value) {
            if (value < 1) {
                throw new Gen4jException("maxIter must be at least 1, got " + value);
            }
            this.maxIter = value;
            return this;
        }

        public Builder nInit(int value) {
            if (value < 1) {
                throw new Gen4jException("nInit must be at least 1, got " + value);
            }
            this.nInit = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Which parameters Baum–Welch updates: any of s (start), t (transitions), e (emissions). */
        public Builder params(String value) {
            if (!value.matches("[ste]*")) {
                throw new Gen4jException("params may contain only s (start), t (transitions) and e (emissions), got '" + value + "'");
            }
            this.params = value;
            return this;
        }

        /** Dirichlet concentration on the start probabilities (1 = no prior). */
        public Builder startPrior(double concentration) {
            if (!(concentration > 0)) {
                throw new Gen4jException("startPrior must be > 0, got " + concentration);
            }
            this.startPrior = concentration;
            return this;
        }

        /** Dirichlet concentration on each transition row (1 = no prior). */
        public Builder transitionPrior(double concentration) {
            if (!(concentration > 0)) {
                throw new Gen4jException("transitionPrior must be > 0, got " + concentration);
            }
            this.transitionPrior = concentration;
            return this;
        }

        /** Given start probabilities {@code [K]}. */
        public Builder startProb(INDArray value) {
            HmmChecks.requireStochasticRows(value.reshape(1, value.length()), "start probabilities");
            this.startProb = value;
            return this;
        }

        /** Given transition matrix {@code [K, K]}; its zeros stay zero. */
        public Builder transMat(INDArray value) {
            HmmChecks.requireStochasticRows(value, "transition matrix");
            this.transMat = value;
            return this;
        }

        /** Given emissions (their kind replaces the builder's). */
        public Builder emission(Emission value) {
            this.emission = value;
            this.emissionKind = value.kind();
            return this;
        }

        public Builder dataType(DataType value) {
            this.dataType = value;
            return this;
        }

        public Builder listener(IterationListener value) {
            this.listener = value;
            return this;
        }

        public BaumWelch build() {
            if (startProb != null && startProb.length() != states) {
                throw new Gen4jException("start probabilities have " + startProb.length() + " entries for " + states + " states");
            }
            if (transMat != null && (transMat.rows() != states || transMat.columns() != states)) {
                throw new Gen4jException("the transition matrix must be [" + states + ", " + states + "]");
            }
            return new BaumWelch(this);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("states", states);
            m.put("emission", emissionKind);
            if (emissionKind.equals(GaussianEmission.KIND) || emissionKind.equals(GaussianMixtureEmission.KIND)) {
                m.put("covariance", covariance.label());
                m.put("regCovar", regCovar);
            }
            if (emissionKind.equals(GaussianMixtureEmission.KIND)) {
                m.put("mixtures", mixtures);
            }
            m.put("tol", tol);
            m.put("maxIter", maxIter);
            m.put("nInit", nInit);
            m.put("seed", seed);
            m.put("params", params);
            m.put("startPrior", startPrior);
            m.put("transitionPrior", transitionPrior);
            return m;
        }
    }
}
