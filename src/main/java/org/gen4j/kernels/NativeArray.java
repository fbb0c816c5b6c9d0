package org.gen4j.kernels;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The host memory of one float32 or float64 ND4J array, read and written in bulk from Java: the only way gen4j's
 * kernels touch ND4J's native memory.
 * <pre>{@code
 * NativeArray values = NativeArray.of(x);           // x: float64, CPU backend
 * values.read(0, chunk, 0, 1024);                    // x's first 1024 values (in x's own storage order)
 * values.write(1024, chunk, 0, 1024);
 * }</pre>
 *
 * <p>Why a layer: the NIO view JavaCPP gives of a buffer does not reference the buffer, so once the JIT has
 * compiled a kernel, an array whose last Java use lies before the copy can be collected and its memory freed while
 * the copy runs (wrong answers for whole chunks of rows, or a crash, under GC pressure). Here every access ends with
 * {@link Reference#reachabilityFence} on the array and its buffer, so they stay reachable until the access has
 * returned, whatever the caller holds. Raw addresses for native calls come only from a {@link Pin}, which keeps the
 * array reachable until it is closed.
 *
 * <p>Indices count values from the array's first one ({@link INDArray#offset()}), in its storage order, and every
 * access is checked against the array's own extent: the values its shape and strides reach. An access outside it
 * is a gen4j bug and throws {@link IndexOutOfBoundsException}; it never reaches a neighbouring array's values or
 * memory past the buffer.
 */
public final class NativeArray {
    /** ND4J's CPU backend keeps arrays in host memory that Java can read; CUDA's does not. */
    private static final boolean CPU_BACKEND = Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");

    private final INDArray array;
    private final DataBuffer data;
    private final DoubleBuffer doubles;
    private final FloatBuffer floats;
    /** Where the array's first value lies in the NIO view (which starts at the original buffer's first value). */
    private final int start;
    /** Values from {@link #start} that the array's shape and strides reach. */
    private final int extent;

    private NativeArray(INDArray array) {
        this.array = array;
        this.data = array.data();
        ByteBuffer bytes = data.asNio().order(ByteOrder.nativeOrder());
        boolean single = array.dataType() == DataType.FLOAT;
        this.floats = single ? bytes.asFloatBuffer() : null;
        this.doubles = single ? null : bytes.asDoubleBuffer();
        this.start = (int) array.offset();
        this.extent = (int) extentOf(array);
        int capacity = single ? floats.capacity() : doubles.capacity();
        if ((long) start + extent > capacity) {
            throw new IllegalStateException("array of " + extent + " values at offset " + start + " lies outside its buffer of "
                    + capacity + " values");
        }
        Reference.reachabilityFence(array);
    }

    /**
     * Whether {@link #of} takes the array: float32 or float64, not empty, in host memory (ND4J's CPU backend), and
     * all of it within the first 2 GiB of its buffer (NIO's int indices).
     */
    public static boolean suits(INDArray a) {
        DataType type = a.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || a.isEmpty() || !CPU_BACKEND) {
            return false;
        }
        long values = a.offset() + extentOf(a);
        return values * type.width() <= Integer.MAX_VALUE;
    }

    /**
     * Bulk access to the array's memory.
     *
     * @throws IllegalArgumentException when {@link #suits} is false
     */
    public static NativeArray of(INDArray a) {
        if (!suits(a)) {
            throw new IllegalArgumentException("not a float32/float64 array in host memory within 2 GiB: " + a.dataType() + " "
                    + java.util.Arrays.toString(a.shape()) + " on " + Nd4j.getBackend().getClass().getSimpleName());
        }
        return new NativeArray(a);
    }

    /** Whether ND4J runs on its CPU backend, whose arrays this class can reach. */
    public static boolean hostMemory() {
        return CPU_BACKEND;
    }

    /** The number of values from the array's first that its shape and strides reach (its length when dense). */
    public int extent() {
        return extent;
    }

    /** Whether the values are float32 (else float64). */
    public boolean isFloat() {
        return floats != null;
    }

    /** {@code into[at, at + count) ← values [index, index + count)}, float64 arrays. */
    public void read(int index, double[] into, int at, int count) {
        check(index, count);
        doubles().get(start + index, into, at, count);
        keepAlive();
    }

    /** {@code values [index, index + count) ← from[at, at + count)}, float64 arrays. */
    public void write(int index, double[] from, int at, int count) {
        check(index, count);
        doubles().put(start + index, from, at, count);
        keepAlive();
    }

    /** {@code into[at, at + count) ← values [index, index + count)}, float32 arrays. */
    public void read(int index, float[] into, int at, int count) {
        check(index, count);
        floats().get(start + index, into, at, count);
        keepAlive();
    }

    /** {@code values [index, index + count) ← from[at, at + count)}, float32 arrays. */
    public void write(int index, float[] from, int at, int count) {
        check(index, count);
        floats().put(start + index, from, at, count);
        keepAlive();
    }

    /** {@code target [targetIndex, + count) ← values [index, + count)}, memory to memory; both of one type. */
    public void copyTo(int index, NativeArray target, int targetIndex, int count) {
        check(index, count);
        target.check(targetIndex, count);
        if (isFloat() != target.isFloat()) {
            throw new IllegalArgumentException("copy between float32 and float64 arrays");
        }
        if (isFloat()) {
            target.floats.put(target.start + targetIndex, floats, start + index, count);
        } else {
            target.doubles.put(target.start + targetIndex, doubles, start + index, count);
        }
        keepAlive();
        target.keepAlive();
    }

    /**
     * The array's memory held for a native call on raw addresses, until {@link Pin#close}: use in
     * try-with-resources around the call, never keep an address past it.
     */
    public Pin pin() {
        return new Pin(this);
    }

    /** An array kept reachable for native calls on its addresses. */
    public static final class Pin implements AutoCloseable {
        private final NativeArray values;
        private final long base;

        private Pin(NativeArray values) {
            this.values = values;
            // a view's buffer is a view too: its address pointer already includes the view's offset
            this.base = values.data.addressPointer().address();
        }

        /**
         * The address of value {@code index}, for a native call that touches values {@code [index, index + count)}.
         */
        public long address(long index, long count) {
            values.check(index, count);
            return base + index * (values.isFloat() ? Float.BYTES : Double.BYTES);
        }

        @Override
        public void close() {
            values.keepAlive();
        }
    }

    private DoubleBuffer doubles() {
        if (doubles == null) {
            throw new IllegalArgumentException("float64 access to a float32 array");
        }
        return doubles;
    }

    private FloatBuffer floats() {
        if (floats == null) {
            throw new IllegalArgumentException("float32 access to a float64 array");
        }
        return floats;
    }

    private void check(long index, long count) {
        if (index < 0 || count < 0 || index + count > extent) {
            throw new IndexOutOfBoundsException("values [" + index + ", " + (index + count) + ") of an array of " + extent);
        }
    }

    /** The array and its buffer (whose collection frees the memory) stay reachable up to here. */
    private void keepAlive() {
        Reference.reachabilityFence(array);
        Reference.reachabilityFence(data);
        Reference.reachabilityFence(this);
    }

    /** 1 + Σ (shape_i − 1)·|stride_i|: the values from the first that the array reaches. */
    static long extentOf(INDArray a) {
        if (a.isEmpty()) {
            return 0;
        }
        if (a.isScalar()) {
            return 1;
        }
        long[] shape = a.shape(), stride = a.stride();
        long last = 0;
        for (int i = 0; i < shape.length; i++) {
            last += (shape[i] - 1) * Math.abs(stride[i]);
        }
        return last + 1;
    }
}
