package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;

/** The {@code --dtype} flag. */
final class DataTypes {
    private DataTypes() {
    }

    static DataType parse(String text) {
        return switch (text) {
            case "float64", "double" -> DataType.DOUBLE;
            case "float32", "float" -> DataType.FLOAT;
            default -> throw new Gen4jException("unknown --dtype '" + text + "' (expected float64 or float32)");
        };
    }
}
