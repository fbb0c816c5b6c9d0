package org.gen4j.gmm;

import org.gen4j.stats.*;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.DataChecks;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the number of components and the covariance type: fits every combination and ranks them by BIC,
 * AIC or held-out log-likelihood.
 *
 * <pre>{@code
 * MixtureSelection.Result r = MixtureSelection.sweep(GaussianMixtureTrainer.builder().seed(1), x,
 *         List.of(1, 2, 3, 4), List.of(CovarianceType.values()), MixtureSelection.Criterion.BIC, null);
 * System.out.println(r);          // the table of scores
 * GaussianMixture best = r.best();
 * }</pre>
 */
public final class MixtureSelection {
    private MixtureSelection() {
    }

    public enum Criterion {
        /** Bayesian information criterion on the training data; lower is better. */
        BIC,
        /** Akaike information criterion on the training data; lower is better. */
        AIC,
        /** Mean log-likelihood of a held-out set; higher is better. */
        HELD_OUT;

        public static Criterion parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "bic" -> BIC;
                case "aic" -> AIC;
                case "held-out", "heldout", "held_out" -> HELD_OUT;
                default -> throw new Gen4jException("unknown selection criterion '" + text + "' (expected bic, aic or held-out)");
            };
        }
    }

    /** One fitted candidate with all its scores (held-out is NaN without a held-out set). */
    public record Candidate(int components, CovarianceType covariance, double bic, double aic,
                            double trainLogLikelihood, double heldOutLogLikelihood, GaussianMixture model) {
    }

    /** The candidates in the order tried, and the best by the criterion. */
    public record Result(Criterion criterion, List<Candidate> candidates, Candidate bestCandidate) {
        public GaussianMixture best() {
            return bestCandidate.model();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format("%4s %-10s %14s %14s %12s %12s%n",
                    "k", "covariance", "bic", "aic", "train ll", "held-out ll"));
            for (Candidate c : candidates) {
                s.append(String.format("%4d %-10s %14.3f %14.3f %12.5f %12.5f%s%n", c.components(), c.covariance().label(),
                        c.bic(), c.aic(), c.trainLogLikelihood(), c.heldOutLogLikelihood(), c == bestCandidate ? "  <- best" : ""));
            }
            return s.toString();
        }
    }

    /**
     * Fits each (k, covariance type) with the other hyperparameters of {@code base}.
     *
     * @param train    {@code [n, d]}
     * @param heldOut  {@code [m, d]}, required for {@link Criterion#HELD_OUT}, optional otherwise
     */
    public static Result sweep(GaussianMixtureTrainer.Builder base, INDArray train, List<Integer> components,
                               List<CovarianceType> covariances, Criterion criterion, INDArray heldOut) {
        if (components.isEmpty() || covariances.isEmpty()) {
            throw new Gen4jException("model selection needs at least one number of components and one covariance type");
        }
        if (criterion == Criterion.HELD_OUT && heldOut == null) {
            throw new Gen4jException("selection by held-out log-likelihood needs a held-out data set");
        }
        if (heldOut != null) {
            DataChecks.requireFiniteMatrix(heldOut, (int) train.columns(), "held-out data");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (CovarianceType type : covariances) {
            for (int k : components) {
                GaussianMixture model = base.copy().components(k).covariance(type).build().fit(train);
                double heldOutLl = heldOut == null ? Double.NaN : model.meanLogProb(heldOut);
                candidates.add(new Candidate(k, type, model.bic(train), model.aic(train), model.meanLogProb(train),
                        heldOutLl, model));
            }
        }
        Comparator<Candidate> better = switch (criterion) {
            case BIC -> Comparator.comparingDouble(Candidate::bic);
            case AIC -> Comparator.comparingDouble(Candidate::aic);
            case HELD_OUT -> Comparator.comparingDouble((Candidate c) -> c.heldOutLogLikelihood()).reversed();
        };
        Candidate best = candidates.stream().min(better).orElseThrow();
        return new Result(criterion, List.copyOf(candidates), best);
    }
}
