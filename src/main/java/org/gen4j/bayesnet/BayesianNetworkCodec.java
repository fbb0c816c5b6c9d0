package org.gen4j.bayesnet;

import org.gen4j.bayesnet.readwrite.BifReader;
import org.gen4j.bayesnet.readwrite.BifWriter;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelArchive;
import org.gen4j.core.ModelCodec;

/** Saves a {@link BayesianNetwork} as its BIF text (exact: numbers are written so that they read back unchanged). */
public final class BayesianNetworkCodec implements ModelCodec<BayesianNetwork> {

    @Override
    public String modelType() {
        return BayesianNetwork.MODEL_TYPE;
    }

    @Override
    public Class<BayesianNetwork> modelClass() {
        return BayesianNetwork.class;
    }

    @Override
    public void write(BayesianNetwork model, ModelArchive.Writer archive) {
        archive.json().put("bif", BifWriter.toBif(model));
    }

    @Override
    public BayesianNetwork read(ModelArchive.Reader archive) {
        try {
            BayesianNetwork parsed = BifReader.parse(archive.field("bif").asText(), "model.json");
            return new BayesianNetwork(parsed.cpts(), archive.provenance());
        } catch (Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
    }
}
