package org.gen4j.bayesnet.estimators;

import org.gen4j.data.DiscreteVariable;
import org.gen4j.em.Partitioned;

import java.util.List;

/**
 * Cases of discrete variables held in partitions elsewhere (a Spark cluster's), as the estimators read them: each
 * block is rows of state codes, row-major over {@link #variables()}, NaN where a value is missing. Variables of a
 * network that the cases do not have are latent.
 */
public interface PartitionedCases extends Partitioned<double[]> {

    /** The observed variables, in the order of each block's columns, with the network's states. */
    List<DiscreteVariable> variables();

    long rows();

    String describe();
}
