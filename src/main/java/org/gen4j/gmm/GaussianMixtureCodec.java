package org.gen4j.gmm;

import org.gen4j.stats.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelArchive;
import org.gen4j.core.ModelCodec;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Saves a {@link GaussianMixture} as parameters (JSON) and arrays (.npy); registered as a service. */
public final class GaussianMixtureCodec implements ModelCodec<GaussianMixture> {

    @Override
    public String modelType() {
        return GaussianMixture.MODEL_TYPE;
    }

    @Override
    public Class<GaussianMixture> modelClass() {
        return GaussianMixture.class;
    }

    @Override
    public void write(GaussianMixture model, ModelArchive.Writer archive) {
        MixtureParameters p = model.parameters();
        org.gen4j.core.FitSummary fit = model.fitSummary();
        archive.json().put("covarianceType", p.type().label());
        archive.json().put("converged", fit.converged());
        archive.json().put("nIter", fit.iterations());
        archive.json().put("lowerBound", fit.finalValue());
        ArrayNode history = archive.json().putArray("lowerBoundHistory");
        for (double value : fit.history()) {
            history.add(value);
        }
        archive.array("weights", p.weights())
                .array("means", p.means())
                .array("covariances", p.covariances())
                .array("precisionsCholesky", p.precisionCholesky());
    }

    @Override
    public GaussianMixture read(ModelArchive.Reader archive) {
        CovarianceType type;
        try {
            type = CovarianceType.parse(archive.field("covarianceType").asText());
        } catch (Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
        INDArray weights = archive.array("weights");
        INDArray means = archive.array("means");
        INDArray covariances = archive.array("covariances");
        INDArray precisionsCholesky = archive.array("precisionsCholesky");
        try {
            MixtureParameters.validate(type, weights, means, covariances);
            type.structure().checkShape(precisionsCholesky, (int) means.rows(), (int) means.columns(), "precisionsCholesky");
        } catch (Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
        JsonNode historyNode = archive.field("lowerBoundHistory");
        double[] history = new double[historyNode.size()];
        for (int i = 0; i < history.length; i++) {
            history[i] = historyNode.get(i).asDouble();
        }
        org.gen4j.core.FitSummary fit = new org.gen4j.core.FitSummary(archive.field("converged").asBoolean(),
                archive.field("nIter").asInt(), archive.field("lowerBound").asDouble(Double.NaN), history);
        return new GaussianMixture(new MixtureParameters(weights, new GaussianComponents(type, means, covariances, precisionsCholesky)), fit,
                archive.provenance());
    }
}
