package org.gen4j.hmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.gen4j.core.FitSummary;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelArchive;
import org.gen4j.core.ModelCodec;

/** Saves a {@link HiddenMarkovModel}: start and transition probabilities, the emission, the fit history. */
public final class HiddenMarkovModelCodec implements ModelCodec<HiddenMarkovModel> {

    @Override
    public String modelType() {
        return HiddenMarkovModel.MODEL_TYPE;
    }

    @Override
    public Class<HiddenMarkovModel> modelClass() {
        return HiddenMarkovModel.class;
    }

    @Override
    public void write(HiddenMarkovModel model, ModelArchive.Writer archive) {
        FitSummary fit = model.fitSummary();
        archive.json().put("states", model.states());
        archive.json().put("converged", fit.converged());
        archive.json().put("nIter", fit.iterations());
        archive.json().put("logLikelihood", fit.finalValue());
        ArrayNode history = archive.json().putArray("logLikelihoodHistory");
        for (double value : fit.history()) {
            history.add(value);
        }
        archive.array("startProb", model.startProb()).array("transMat", model.transMat());
        model.emission().write(archive);
    }

    @Override
    public HiddenMarkovModel read(ModelArchive.Reader archive) {
        String kind = archive.field("emission").asText();
        Emission emission = switch (kind) {
            case GaussianEmission.KIND -> GaussianEmission.read(archive);
            case CategoricalEmission.KIND -> CategoricalEmission.read(archive);
            case PoissonEmission.KIND -> PoissonEmission.read(archive);
            case GaussianMixtureEmission.KIND -> GaussianMixtureEmission.read(archive);
            default -> throw archive.corrupt("unknown emission kind '" + kind + "'");
        };
        JsonNode historyNode = archive.field("logLikelihoodHistory");
        double[] history = new double[historyNode.size()];
        for (int i = 0; i < history.length; i++) {
            history[i] = historyNode.get(i).asDouble();
        }
        FitSummary fit = new FitSummary(archive.field("converged").asBoolean(), archive.field("nIter").asInt(),
                archive.field("logLikelihood").asDouble(Double.NaN), history);
        try {
            return new HiddenMarkovModel(archive.array("startProb"), archive.array("transMat"), emission, fit, archive.provenance());
        } catch (Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
    }
}
