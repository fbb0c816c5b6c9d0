/**
 * Expectation–maximisation written once: EmEngine runs restarts, tolerance, listeners, checkpoints and resuming;
 * a family supplies an EmModel (E-step per batch into mergeable EmStatistics, M-step) and its data as a DataPass.
 * Partitions summed apart and merged equal one pass: the seam for distributed EM.
 */
package org.gen4j.em;
