package org.gen4j.bayesnet.structure;

/**
 * How a structure is searched for, with the defaults written once: {@link HillClimbSearch}'s builder starts from
 * {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values.
 *
 * <pre>{@code
 * int maxParents = SearchOptions.DEFAULTS.maxParents();   // 3, as the builder, `gen4j learn` and recipes use it
 * }</pre>
 *
 * @param method       chow-liu or hill-climb
 * @param score        for hill climbing: bic, aic, k2 or bdeu
 * @param maxParents   maximum in-degree
 * @param tabuLength   how many recent moves may not be undone (0: plain hill climbing)
 * @param patience     moves without improvement before a search gives up
 * @param restarts     random restarts after the first search
 * @param perturbation random moves made at each restart
 * @param seed         the seed of the restarts
 */
public record SearchOptions(String method, String score, int maxParents, int tabuLength, int patience, int restarts,
                            int perturbation, long seed) {

    public static final SearchOptions DEFAULTS = new SearchOptions("hill-climb", "bic", 3, 10, 10, 0, 5, 0);
}
