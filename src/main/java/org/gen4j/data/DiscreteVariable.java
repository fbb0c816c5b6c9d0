package org.gen4j.data;

import org.gen4j.core.Gen4jException;

import java.util.HashSet;
import java.util.List;

/**
 * A named discrete variable with named states, coded 0..k-1 in state order.
 *
 * <pre>{@code
 * DiscreteVariable smoke = new DiscreteVariable("smoke", List.of("yes", "no"));
 * int code = smoke.code("no");   // 1
 * }</pre>
 */
public record DiscreteVariable(String name, List<String> states) implements java.io.Serializable {

    public DiscreteVariable {
        if (name == null || name.isBlank()) {
            throw new Gen4jException("a variable needs a name");
        }
        if (states == null || states.isEmpty()) {
            throw new Gen4jException("variable '" + name + "' needs at least one state");
        }
        if (new HashSet<>(states).size() != states.size()) {
            throw new Gen4jException("variable '" + name + "' names a state twice: " + states);
        }
        states = List.copyOf(states);
    }

    public int cardinality() {
        return states.size();
    }

    /** The code of a named state; an unknown state is an error listing the known ones. */
    public int code(String state) {
        int code = states.indexOf(state);
        if (code < 0) {
            throw new Gen4jException("variable '" + name + "' has no state '" + state + "' (states: "
                    + String.join(", ", states) + ")");
        }
        return code;
    }

    public String state(int code) {
        return states.get(code);
    }

    @Override
    public String toString() {
        return name + states;
    }
}
