package org.gen4j.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.IndexAccumulation;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.aggregates.Aggregate;
import org.nd4j.linalg.api.ops.aggregates.Batch;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;

import java.lang.ref.Reference;
import java.util.List;

/**
 * ND4J's CPU executioner with every operation's arrays kept reachable until the native call has returned.
 *
 * <p>ND4J 1.0.0-M2.1's executioner takes each operand's native buffer and then lets go of the operand itself
 * before calling libnd4j ({@code NativeOpExecutioner.exec(BroadcastOp)} keeps only {@code z}), so a collection
 * during the call can run an operand's deallocator while libnd4j reads it: a broadcast with a temporary operand
 * (say {@code a.subiColumnVector(a.max(true, 1))}) gave wrong rows in 104 of 3,000 calls under GC churn, or
 * crashed in {@code sd::DataBuffer::primary()}. Fencing the operation (whose fields hold the arrays, whose fields
 * hold the buffers) and its context after the call closes that window; upstream rewrote this layer after M2.1.
 *
 * <p>Installed by naming it as ND4J's executioner before ND4J starts: {@code -Dopexec=org.gen4j.kernels.FencedOpExecutioner}
 * (the {@code gen4j} launcher and the test runner do), or {@link NativeRuntime#install()} from a program's
 * {@code main} before any ND4J call.
 */
public class FencedOpExecutioner extends NativeOpExecutioner {
    /** Runs the call; its operation, context and generator stay reachable until it has returned. */
    private static <T> T fenced(java.util.function.Supplier<T> call, Object op, Object context, Object rng) {
        try {
            return call.get();
        } finally {
            Reference.reachabilityFence(op);
            Reference.reachabilityFence(context);
            Reference.reachabilityFence(rng);
        }
    }

    @Override
    public INDArray exec(Op op) {
        return fenced(() -> super.exec(op), op, null, null);
    }

    @Override
    public INDArray exec(Op op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context, null);
    }

    @Override
    public INDArray exec(IndexAccumulation op) {
        return fenced(() -> super.exec(op), op, null, null);
    }

    @Override
    public INDArray exec(IndexAccumulation op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context, null);
    }

    @Override
    public INDArray exec(Variance op) {
        return fenced(() -> super.exec(op), op, null, null);
    }

    @Override
    public INDArray exec(ReduceOp op) {
        return fenced(() -> super.exec(op), op, null, null);
    }

    @Override
    public INDArray exec(ReduceOp op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context, null);
    }

    @Override
    public INDArray exec(ScalarOp op) {
        return fenced(() -> super.exec(op), op, null, null);
    }

    @Override
    public INDArray exec(ScalarOp op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context, null);
    }

    @Override
    public INDArray exec(BroadcastOp op) {
        return fenced(() -> super.exec(op), op, null, null);
    }

    @Override
    public INDArray exec(BroadcastOp op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context, null);
    }

    @Override
    public <T extends Aggregate> void exec(Batch<T> batch) {
        fenced(() -> {
            super.exec(batch);
            return null;
        }, batch, null, null);
    }

    @Override
    public void exec(List<Aggregate> batch) {
        fenced(() -> {
            super.exec(batch);
            return null;
        }, batch, null, null);
    }

    @Override
    public void exec(Aggregate op) {
        fenced(() -> {
            super.exec(op);
            return null;
        }, op, null, null);
    }

    @Override
    public INDArray exec(RandomOp op) {
        return fenced(() -> super.exec(op), op, null, null);
    }

    @Override
    public INDArray exec(RandomOp op, Random rng) {
        return fenced(() -> super.exec(op, rng), op, null, rng);
    }

    @Override
    public INDArray exec(RandomOp op, OpContext context, Random rng) {
        return fenced(() -> super.exec(op, context, rng), op, context, rng);
    }

    @Override
    public INDArray[] exec(CustomOp op) {
        return fenced(() -> super.exec(op), op, null, null);
    }

    @Override
    public INDArray[] exec(CustomOp op, OpContext context) {
        return fenced(() -> super.exec(op, context), op, context, null);
    }
}
