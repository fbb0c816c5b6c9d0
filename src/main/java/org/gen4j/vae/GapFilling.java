package org.gen4j.vae;

import org.gen4j.nn.ObservationLoss;
import org.gen4j.stats.MissingValues;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;


/**
 * A VAE's missing inputs filled by pseudo-Gibbs sampling (Rezende, Mohamed and Wierstra 2014, section 5): the
 * gaps start at their columns' observed means, then each round draws z ~ q(z | x) and sets the gaps from the
 * decoder, p(x_M | z), keeping the observed values. Approximate: q only approximates p(z | x), so the chain's
 * stationary distribution is close to, not equal to, the model's conditional p(x_M | x_O) (Mattei and Frellsen
 * 2018). Point imputation averages the decoder's means over the second half of the rounds; a draw is the last
 * round's state with the gaps drawn from p(x_M | z).
 */
final class GapFilling {
    /** What the chain needs from the model. */
    interface Networks {
        INDArray latentParameters(INDArray rows);

        INDArray decoderOutput(INDArray z);
    }

    private final Networks networks;
    private final ObservationLoss likelihood;
    private final int latent;

    GapFilling(Networks networks, ObservationLoss likelihood, int latent) {
        this.networks = networks;
        this.likelihood = likelihood;
        this.latent = latent;
    }

    /**
     * @param data     {@code [n, d]}, NaN where missing
     * @param dataType the networks' type
     * @param draw     whether to return one draw (else the average of the decoder's means)
     * @return {@code [n, d]} in the data's type, with the observed values as they were
     */
    INDArray fill(INDArray data, DataType dataType, int rounds, long seed, boolean draw) {
        double[][] values = data.castTo(DataType.DOUBLE).toDoubleMatrix();
        INDArray rows = data.castTo(dataType);
        double[] means = startingValues(values);
        double[][] missing = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            missing[i] = new double[values[i].length];
            for (int c = 0; c < values[i].length; c++) {
                missing[i][c] = Double.isNaN(values[i][c]) ? 1 : 0;
            }
        }
        INDArray gaps = Nd4j.createFromArray(missing).castTo(rows.dataType());             // 1 where missing
        INDArray kept = gaps.rsub(1.0);
        INDArray x = Nd4j.createFromArray(MissingValues.filled(values, means)).castTo(rows.dataType());
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        INDArray meanSum = Nd4j.zeros(rows.dataType(), rows.shape());
        int averaged = 0;
        for (int round = 1; round <= rounds; round++) {
            INDArray parameters = networks.latentParameters(x);
            INDArray mu = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
            INDArray sd = Transforms.exp(parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)).mul(0.5), false);
            INDArray z = Nd4j.randn(Nd4j.create(rows.dataType(), mu.shape()), random).muli(sd).addi(mu);
            INDArray output = networks.decoderOutput(z);
            INDArray proposal = draw || round < rounds ? likelihood.sample(output, random) : null;
            if (!draw && round > rounds / 2) {
                meanSum.addi(likelihood.mean(output));
                averaged++;
            }
            if (proposal != null) {
                x = x.mul(kept).addi(proposal.castTo(x.dataType()).muli(gaps));
            }
        }
        double[][] filled = (draw ? x : meanSum.divi(averaged)).castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < values.length; i++) {
            for (int c = 0; c < values[i].length; c++) {
                filled[i][c] = Double.isNaN(values[i][c]) ? filled[i][c] : values[i][c];
            }
        }
        return Nd4j.createFromArray(filled).castTo(data.dataType());
    }

    /**
     * Where the chain starts: each column's observed mean, or for a column the data never observes, the decoder's
     * mean at the prior's centre z = 0 (the model still knows that column).
     */
    private double[] startingValues(double[][] values) {
        double[] means = MissingValues.observedColumnMeansOrNaN(values);
        double[] atCentre = null;
        for (int c = 0; c < means.length; c++) {
            if (Double.isNaN(means[c])) {
                if (atCentre == null) {
                    atCentre = likelihood.mean(networks.decoderOutput(Nd4j.zeros(DataType.DOUBLE, 1, latent))).castTo(DataType.DOUBLE)
                            .toDoubleVector();
                }
                means[c] = atCentre[c];
            }
        }
        return means;
    }
}
