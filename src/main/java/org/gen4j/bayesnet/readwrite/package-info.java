/**
 * Networks to and from files: the BIF reader (untrusted input: bounded, one clear error) and writer,
 * and Graphviz DOT drawings.
 * Part of the Bayesian-network family.
 */
package org.gen4j.bayesnet.readwrite;
