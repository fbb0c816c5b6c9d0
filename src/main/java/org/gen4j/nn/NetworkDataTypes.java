package org.gen4j.nn;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * The floating-point types gen4j trains networks in: float32 (the default), float64, and float16 where the backend
 * trains it (CUDA). On ND4J's CPU backend float16 training diverges at once (Adam's denominators and the log terms
 * of the losses underflow: a dense net's loss is NaN after the first steps, measured here), so it is refused there.
 */
public final class NetworkDataTypes {
    private NetworkDataTypes() {
    }

    /** @param name float32, float64 or float16 (also float, double, half) */
    public static DataType parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "float32", "float" -> DataType.FLOAT;
            case "float64", "double" -> DataType.DOUBLE;
            case "float16", "half" -> DataType.HALF;
            default -> throw new Gen4jException("network data type must be float32, float64 or float16, got '" + name + "'");
        };
    }

    /** The type itself, or a clear error when networks cannot train in it on this backend. */
    public static DataType requireTrainable(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE && type != DataType.HALF) {
            throw new Gen4jException("networks train in float32, float64 or float16, not " + type);
        }
        if (type == DataType.HALF && !onGpu()) {
            throw new Gen4jException("float16 training needs the CUDA backend (build with -Pcuda): on ND4J's CPU backend"
                    + " float16 networks diverge to NaN; use float32");
        }
        return type;
    }

    private static boolean onGpu() {
        String backend = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT);   // CpuBackend or JCublasBackend
        return backend.contains("cublas") || backend.contains("cuda");
    }
}
