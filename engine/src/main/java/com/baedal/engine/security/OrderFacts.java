package com.baedal.engine.security;

import com.baedal.process.OrderProcess;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;

/**
 * SPEC §7: store, region, rider, payment status, total and customer of an order change only through the process and
 * the order commands. The engine's own code (the order commands, listeners, the process start) works without a
 * Camunda user; anything that calls the engine's variable API as an authenticated user — a task user, an operator,
 * a Camunda administrator, through engine REST, Cockpit or Tasklist — cannot write or remove those variables
 * ({@link OrderProcess#ORDER_FACTS}). Other variables stay editable for operators as Camunda allows.
 */
public final class OrderFacts {

    private final IdentityService identity;

    OrderFacts(IdentityService identity) {
        this.identity = identity;
    }

    /** Refuses (403) a write or removal by an authenticated user that names an order fact. */
    public void refuseWriting(Collection<String> variableNames) {
        if (variableNames == null || variableNames.isEmpty() || identity.getCurrentAuthentication() == null) {
            return;
        }
        TreeSet<String> facts = new TreeSet<>(variableNames);
        facts.retainAll(OrderProcess.ORDER_FACTS);
        if (!facts.isEmpty()) {
            throw new AuthorizationException("Variables " + facts + " are facts of the order: they change only "
                    + "through the order process and the order commands.");
        }
    }

    public void refuseWriting(Map<String, ?> variables) {
        refuseWriting(variables == null ? null : variables.keySet());
    }
}
