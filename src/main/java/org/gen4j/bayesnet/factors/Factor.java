package org.gen4j.bayesnet.factors;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A non-negative function of discrete variables: an ND4J tensor with one axis per variable of its scope. Products
 * align the two scopes and multiply by broadcasting; sums over a variable are reductions over its axis.
 *
 * <pre>{@code
 * Factor joint = cptA.product(cptB);          // scope: union of both
 * Factor marginal = joint.sumOut(b);          // scope without b
 * Factor given = joint.reduce(a, 1);          // a fixed to its state 1
 * }</pre>
 */
public final class Factor {
    private final List<DiscreteVariable> scope;
    private final INDArray values;     // shape = cardinalities of the scope; rank 0 for an empty scope

    public Factor(List<DiscreteVariable> scope, INDArray values) {
        long[] expected = new long[scope.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = scope.get(i).cardinality();
        }
        if (!Arrays.equals(expected, values.shape()) && !(scope.isEmpty() && values.length() == 1)) {
            throw new Gen4jException("factor values of shape " + Arrays.toString(values.shape()) + " do not match the scope "
                    + scope + " (expected " + Arrays.toString(expected) + ")");
        }
        this.scope = List.copyOf(scope);
        this.values = values;
    }

    /** A factor with an empty scope: a constant. */
    public static Factor constant(double value) {
        return new Factor(List.of(), Nd4j.scalar(DataType.DOUBLE, value));
    }

    public List<DiscreteVariable> scope() {
        return scope;
    }

    public INDArray values() {
        return values;
    }

    public boolean contains(DiscreteVariable variable) {
        return scope.contains(variable);
    }

    /** The pointwise product, over the union of the scopes (this factor's variables first). */
    public Factor product(Factor other) {
        List<DiscreteVariable> union = new ArrayList<>(scope);
        for (DiscreteVariable v : other.scope) {
            if (!union.contains(v)) {
                union.add(v);
            }
        }
        if (union.isEmpty()) {
            return constant(values.getDouble(0) * other.values.getDouble(0));
        }
        return new Factor(union, aligned(union).mul(other.aligned(union)));
    }

    /** The values laid out along {@code union}: own axes permuted into union order, size-1 axes for the others. */
    private INDArray aligned(List<DiscreteVariable> union) {
        if (scope.isEmpty()) {
            long[] ones = new long[union.size()];
            Arrays.fill(ones, 1);
            return values.reshape(ones);
        }
        int[] order = new int[scope.size()];
        int next = 0;
        long[] shape = new long[union.size()];
        for (int u = 0; u < union.size(); u++) {
            int own = scope.indexOf(union.get(u));
            if (own >= 0) {
                order[next++] = own;
                shape[u] = union.get(u).cardinality();
            } else {
                shape[u] = 1;
            }
        }
        return values.permute(order).dup('c').reshape(shape);
    }

    /** Σ over one variable of the scope. */
    public Factor sumOut(DiscreteVariable variable) {
        int axis = axisOf(variable);
        List<DiscreteVariable> rest = new ArrayList<>(scope);
        rest.remove(axis);
        INDArray summed = values.sum(axis);
        return new Factor(rest, rest.isEmpty() ? Nd4j.scalar(DataType.DOUBLE, summed.getDouble(0)) : summed.reshape(shapeOf(rest)));
    }

    /** Max over one variable of the scope (max-product elimination). */
    public Factor maxOut(DiscreteVariable variable) {
        int axis = axisOf(variable);
        List<DiscreteVariable> rest = new ArrayList<>(scope);
        rest.remove(axis);
        INDArray maxed = values.max(axis);
        return new Factor(rest, rest.isEmpty() ? Nd4j.scalar(DataType.DOUBLE, maxed.getDouble(0)) : maxed.reshape(shapeOf(rest)));
    }

    /** The factor with one variable fixed to a state (the variable leaves the scope). */
    public Factor reduce(DiscreteVariable variable, int state) {
        int axis = axisOf(variable);
        INDArrayIndex[] index = new INDArrayIndex[scope.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i == axis ? NDArrayIndex.point(state) : NDArrayIndex.all();
        }
        List<DiscreteVariable> rest = new ArrayList<>(scope);
        rest.remove(axis);
        INDArray slice = values.get(index).dup('c');
        return new Factor(rest, rest.isEmpty() ? Nd4j.scalar(DataType.DOUBLE, slice.getDouble(0)) : slice.reshape(shapeOf(rest)));
    }

    /** Σ of all values. */
    public double total() {
        return values.sumNumber().doubleValue();
    }

    /** The factor scaled to sum to 1. */
    public Factor normalized() {
        double total = total();
        if (!(total > 0)) {
            throw new Gen4jException("cannot normalise a factor that sums to " + total);
        }
        return new Factor(scope, values.div(total));
    }

    /** The values with the axes in the given order of variables. */
    public INDArray valuesIn(List<DiscreteVariable> order) {
        int[] permutation = new int[order.size()];
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = axisOf(order.get(i));
        }
        return order.isEmpty() ? values : values.permute(permutation).dup('c');
    }

    private int axisOf(DiscreteVariable variable) {
        int axis = scope.indexOf(variable);
        if (axis < 0) {
            throw new IllegalArgumentException(variable.name() + " is not in the factor's scope " + scope);
        }
        return axis;
    }

    private static long[] shapeOf(List<DiscreteVariable> variables) {
        long[] shape = new long[variables.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = variables.get(i).cardinality();
        }
        return shape;
    }

    /** A table of the assignments and their values (the first {@value FactorTable#MAX_ROWS} rows). */
    @Override
    public String toString() {
        return FactorTable.render(this);
    }
}
