package com.baedal.engine.process;

import static com.baedal.process.OrderProcess.PROCESS_KEY;
import static com.baedal.process.OrderProcess.TASK_ACCEPT_ORDER;
import static com.baedal.process.OrderProcess.TASK_CONFIRM_DELIVERY;
import static com.baedal.process.OrderProcess.TASK_FINISH_COOKING;
import static com.baedal.process.OrderProcess.TASK_PICK_UP;
import static com.baedal.process.OrderProcess.TASK_START_COOKING;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.variable.Variables;

/**
 * What may happen to a user task of {@code order-delivery}, whatever the channel: Tasklist, engine REST, the
 * webapps' internal API or the order commands of our own API (which act without a Camunda user). Camunda's task
 * permissions decide who may work a task at all: candidates and assignees hold {@code READ} and {@code TASK_WORK},
 * which in Camunda 7.24 allows claiming, completing, submitting the form, throwing a BPMN error or escalation and
 * commenting, but no variable writes and no reassignment. These rules come on top, inside the same engine command,
 * so a check and its effect cannot be separated:
 * <ul>
 *   <li>a task completes with exactly the fields of its deployed form ({@link TaskForm}); nothing else is
 *       written;</li>
 *   <li>the rider's tasks ({@value com.baedal.process.OrderProcess#TASK_PICK_UP},
 *       {@value com.baedal.process.OrderProcess#TASK_CONFIRM_DELIVERY}) belong to the rider who claimed them: no
 *       other user completes them. Completing an unclaimed pick-up claims it for the completing user first, so the
 *       assignee, the order's {@code riderId} and its event always name the same rider;</li>
 *   <li>the store's tasks belong to the store, not to one person: any owner of the store may complete a task a
 *       colleague claimed (a claim in a shop says "I'm on it", and an order must not wait for the store timeout
 *       because the colleague went home), and may take such a task over or hand it back to the store (Tasklist's
 *       assignee field and "Reset assignee"). Assigning a task to somebody else stays with administrators
 *       ({@code TASK_ASSIGN});</li>
 *   <li>a user claims tasks for themselves only, never for somebody else, and no task somebody else holds; a rider
 *       may hand back a pick-up they hold (before picking it up), nobody else's;</li>
 *   <li>nobody ends a user task of the order with a BPMN error or escalation: the process does not model those, and
 *       they would reach the boundary events of payment and rejection; nobody delegates one either (a delegated
 *       task is resolved rather than completed).</li>
 * </ul>
 * Violations are refused before anything changed: form problems as Camunda's form validation error (400), the
 * rest as {@link BadUserRequestException} (400) or {@link AuthorizationException} (403).
 */
public class UserTaskGuard {

    /** Tasks that belong to the rider who claimed them. */
    static final Set<String> RIDER_TASKS = Set.of(TASK_PICK_UP, TASK_CONFIRM_DELIVERY);
    /** Tasks that belong to the store, whoever of its owners holds them. */
    static final Set<String> STORE_TASKS = Set.of(TASK_ACCEPT_ORDER, TASK_START_COOKING, TASK_FINISH_COOKING);

    private static final String BINDING_DEPLOYMENT = "deployment";
    private static final String BINDING_LATEST = "latest";

    /** Parsed forms by form definition id (one per deployed form version). */
    private final Map<String, TaskForm> forms = new ConcurrentHashMap<>();

    /**
     * Before a task is completed (complete, submit form): checks who completes it and what it submits, and
     * returns the variables the completion may write.
     */
    Map<String, Object> beforeCompletion(CommandContext context, String taskId, Map<String, Object> variables) {
        TaskEntity task = orderTask(context, taskId);
        if (task == null) {
            return variables; // not an order task, or no task at all: Camunda's own command answers
        }
        String user = context.getAuthenticatedUserId();
        String key = task.getTaskDefinitionKey();
        if (user != null && RIDER_TASKS.contains(key) && task.getAssignee() != null
                && !task.getAssignee().equals(user)) {
            throw new AuthorizationException("'" + task.getName() + "' is claimed by another rider: only that rider"
                    + " completes it.");
        }
        Map<String, Object> writable = formOf(context, task).check(task.getName(), variables,
                (expression, values) -> context.getProcessEngineConfiguration().getDmnEngineConfiguration()
                        .getFeelEngine().evaluateSimpleExpression(expression,
                                Variables.fromMap(values).asVariableContext()));
        if (TASK_PICK_UP.equals(key) && task.getAssignee() == null) {
            if (user == null) {
                throw new BadUserRequestException("'" + task.getName() + "' has no rider: claim it before completing"
                        + " it.");
            }
            new ClaimTaskCmd(taskId, user).execute(context);
        }
        return writable;
    }

    /**
     * Before a claim: a user claims for themselves only (an unclaim is a claim for nobody), and not a task somebody
     * else holds (Camunda's own answer to that would be a 500 over REST).
     */
    void beforeClaim(CommandContext context, String taskId, String userId) {
        TaskEntity task = orderTask(context, taskId);
        String user = context.getAuthenticatedUserId();
        if (task == null || user == null) {
            return;
        }
        if (!user.equals(userId)) {
            throw new AuthorizationException(user + " can claim '" + task.getName() + "' for themselves only.");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
            throw new AuthorizationException("'" + task.getName() + "' is claimed by somebody else already.");
        }
    }

    /**
     * Before the assignee of an order task is set directly (engine REST {@code /assignee} and {@code /unclaim},
     * Tasklist's assignee field, its "Reset assignee" and "Unclaim"): whether the authenticated user may make this
     * change without {@code TASK_ASSIGN}, which task users do not hold:
     * <ul>
     *   <li>a store's step: an owner of the store (a candidate of the task) takes it over for themselves, or hands
     *       it back to the store, also from a colleague who went home. Completing it was theirs already;</li>
     *   <li>the pick-up: the rider who holds it hands it back to the region before picking it up.</li>
     * </ul>
     * Everything else (assigning somebody else, a rider taking another rider's pick-up, handing back a
     * confirm-delivery) is left to Camunda's own check, which refuses task users.
     */
    boolean mayReassignWithoutTaskAssign(CommandContext context, String taskId, String userId) {
        TaskEntity task = orderTask(context, taskId);
        Authentication authentication = context.getAuthentication();
        if (task == null || authentication == null || authentication.getUserId() == null) {
            return false;
        }
        String user = authentication.getUserId();
        if (STORE_TASKS.contains(task.getTaskDefinitionKey())) {
            return (userId == null || userId.equals(user)) && isCandidate(task, authentication.getGroupIds());
        }
        return TASK_PICK_UP.equals(task.getTaskDefinitionKey()) && userId == null && user.equals(task.getAssignee());
    }

    private static boolean isCandidate(TaskEntity task, List<String> groups) {
        return groups != null && task.getCandidates().stream()
                .anyMatch(link -> link.getGroupId() != null && groups.contains(link.getGroupId()));
    }

    /**
     * Before a task is delegated or a delegated task resolved: refused for the order's tasks. A delegated task is
     * resolved instead of completed, which would hand it back without the completion check, and the process has
     * no use for it (reassigning stays possible for administrators).
     */
    void beforeDelegation(CommandContext context, String taskId) {
        TaskEntity task = orderTask(context, taskId);
        if (task != null) {
            throw new BadUserRequestException("'" + task.getName() + "' is not delegated: it is completed with its"
                    + " form.");
        }
    }

    /** Before a BPMN error or escalation is thrown from a task: refused for the order's tasks. */
    void beforeErrorOrEscalation(CommandContext context, String taskId) {
        TaskEntity task = orderTask(context, taskId);
        if (task != null) {
            throw new BadUserRequestException("'" + task.getName() + "' ends by completing its form; it cannot throw"
                    + " a BPMN error or escalation.");
        }
    }

    private static TaskEntity orderTask(CommandContext context, String taskId) {
        if (taskId == null) {
            return null;
        }
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getProcessDefinitionId() == null) {
            return null;
        }
        ProcessDefinitionEntity definition = task.getProcessDefinition();
        return definition != null && PROCESS_KEY.equals(definition.getKey()) ? task : null;
    }

    private TaskForm formOf(CommandContext context, TaskEntity task) {
        TaskDefinition definition = task.getTaskDefinition();
        Expression formKey = definition.getCamundaFormDefinitionKey();
        if (formKey == null) {
            throw new IllegalStateException("User task '" + task.getTaskDefinitionKey() + "' of " + PROCESS_KEY
                    + " has no Camunda form: the engine cannot tell which fields it completes with");
        }
        String key = String.valueOf(formKey.getValue(task));
        String binding = definition.getCamundaFormDefinitionBinding();
        CamundaFormDefinitionEntity form;
        if (binding == null || BINDING_DEPLOYMENT.equals(binding)) {
            form = context.getCamundaFormDefinitionManager()
                    .findDefinitionByDeploymentAndKey(task.getProcessDefinition().getDeploymentId(), key);
        } else if (BINDING_LATEST.equals(binding)) {
            form = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key);
        } else {
            throw new IllegalStateException("Form binding '" + binding + "' of user task '"
                    + task.getTaskDefinitionKey() + "' is not supported by the completion check");
        }
        if (form == null) {
            throw new IllegalStateException("Form '" + key + "' of user task '" + task.getTaskDefinitionKey()
                    + "' is not deployed");
        }
        return forms.computeIfAbsent(form.getId(), id -> {
            ResourceEntity resource = context.getResourceManager()
                    .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName());
            return TaskForm.parse(form.getResourceName(), resource.getBytes());
        });
    }
}
