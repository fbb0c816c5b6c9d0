package org.gen4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/** JSON for {@code --json} output: arrays as nested lists of numbers. */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of JSON, for output of one JSON value per line. */
    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An array of any rank as nested lists (a scalar as a number). */
    static Object values(INDArray array) {
        if (array.rank() == 0) {
            return array.getDouble(0);
        }
        if (array.rank() == 1) {
            return array.toDoubleVector();
        }
        if (array.rank() == 2) {
            return array.toDoubleMatrix();
        }
        List<Object> slices = new ArrayList<>();
        for (long i = 0; i < array.size(0); i++) {
            slices.add(values(array.get(NDArrayIndex.point(i))));
        }
        return slices;
    }
}
