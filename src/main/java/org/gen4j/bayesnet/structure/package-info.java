/**
 * Learning a network's structure from data: Chow–Liu trees and score-based hill climbing (BIC, BDeu).
 * Returns structures for the estimators to fill in.
 * Part of the Bayesian-network family.
 */
package org.gen4j.bayesnet.structure;
