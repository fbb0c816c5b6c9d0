package org.gen4j.bayesnet.estimators;

import org.gen4j.data.DiscreteVariable;
import org.gen4j.em.Partitioned;

import java.util.List;

/**
 * Cases of discrete variables held in partitions elsewhere (a Spark cluster's), as the estimators read them: each
 * block is rows of state codes, row-major over {@link #variables()}, NaN where a value is missing, each row's weight
 * after its codes when the cases are weighted ({@link #layout()}). Variables of a network that the cases do not
 * have are latent.
 */
public interface PartitionedCases extends Partitioned<double[]> {

    /** The observed variables, in the order of each block's columns, with the network's states. */
    List<DiscreteVariable> variables();

    long rows();

    /** How a block holds its rows; unweighted unless the cases say otherwise. */
    default CaseBlocks layout() {
        return new CaseBlocks(variables(), false);
    }

    /** The rows' weights added up: their number when unweighted; the sample size of scores and BIC. */
    default double totalWeight() {
        return rows();
    }

    String describe();
}
