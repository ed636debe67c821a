package com.baedal.engine.security;

import com.baedal.process.OrderProcess;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * SPEC §7: store, region, rider, payment status, total and customer of an order change only through the process and
 * the order commands. The engine's own code (the order commands, listeners, the process start) works without a
 * Camunda user; anything that calls the engine's variable API as an authenticated user — a task user, an operator,
 * a Camunda administrator, through engine REST, Cockpit or Tasklist — cannot write or remove those variables
 * ({@link OrderProcess#ORDER_FACTS}). Other variables stay editable for operators as Camunda allows.
 *
 * <p>One command interceptor serves every door: the runtime and task services' variable writes and removals
 * ({@code setVariable*}, {@code removeVariable*}, {@code updateVariables*}: engine REST's {@code /process-instance},
 * {@code /execution} and {@code /task} variables, Cockpit's and Tasklist's editing) and the async variables batch
 * all run one of the commands below. Camunda keeps their variables in protected fields without getters, so they
 * are read by reflection; the fields are resolved when the class loads, so an engine upgrade that renames one fails
 * at start-up, not silently.
 */
@RequiredArgsConstructor
final class OrderFacts extends CommandInterceptor {

    private static final Field SET_VARIABLES = field(AbstractSetVariableCmd.class, "variables");
    private static final Field REMOVED_NAMES = field(AbstractRemoveVariableCmd.class, "variableNames");
    private static final Field PATCH_VARIABLES = field(AbstractPatchVariablesCmd.class, "variables");
    private static final Field PATCH_DELETIONS = field(AbstractPatchVariablesCmd.class, "deletions");
    private static final Field BATCH_VARIABLES = field(SetVariablesToProcessInstancesBatchCmd.class, "variables");

    private final IdentityService identity;

    @Override
    public <T> T execute(Command<T> command) {
        if (identity.getCurrentAuthentication() != null) {
            if (command instanceof AbstractSetVariableCmd) {
                refuseWriting(((Map<?, ?>) read(SET_VARIABLES, command)));
            } else if (command instanceof AbstractRemoveVariableCmd) {
                refuseWriting((Collection<?>) read(REMOVED_NAMES, command));
            } else if (command instanceof AbstractPatchVariablesCmd) {
                refuseWriting((Map<?, ?>) read(PATCH_VARIABLES, command));
                refuseWriting((Collection<?>) read(PATCH_DELETIONS, command));
            } else if (command instanceof SetVariablesToProcessInstancesBatchCmd) {
                refuseWriting((Map<?, ?>) read(BATCH_VARIABLES, command));
            }
        }
        return next.execute(command);
    }

    /** Refuses (403) a write or removal that names an order fact. */
    private static void refuseWriting(Collection<?> variableNames) {
        if (variableNames == null || variableNames.isEmpty()) {
            return;
        }
        TreeSet<String> facts = new TreeSet<>();
        variableNames.forEach(name -> facts.add(String.valueOf(name)));
        facts.retainAll(OrderProcess.ORDER_FACTS);
        if (!facts.isEmpty()) {
            throw new AuthorizationException("Variables " + facts + " are facts of the order: they change only "
                    + "through the order process and the order commands.");
        }
    }

    private static void refuseWriting(Map<?, ?> variables) {
        refuseWriting(variables == null ? null : variables.keySet());
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field " + name
                    + " any more: the order-fact rule must be adapted to this engine version", e);
        }
    }

    private static Object read(Field field, Object command) {
        try {
            return field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
