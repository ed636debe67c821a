package com.baedal.engine.security;

import com.baedal.engine.identity.TasklistSearch;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's side of the trust boundary, in code so that no configuration switches it off:
 * <ul>
 *   <li>candidates and assignees of a task get {@code READ} and {@code TASK_WORK} on it (claim and complete), not
 *       Camunda's default {@code UPDATE}, which would let them set any variable and reassign the task;</li>
 *   <li>deserialization type validation on, with {@link ProcessVariableTypes} as the allow-list;</li>
 *   <li>expressions in task queries and filters are refused ({@link QueryExpressions}): ad-hoc queries by a command
 *       interceptor, filters by {@link GuardedFilterService}, which also applies Tasklist's order-number search
 *       ({@link TasklistSearch});</li>
 *   <li>the facts of an order are written by the process and the order commands only, never through the variable
 *       API by an authenticated user, operators and administrators included ({@link OrderFacts}, a command
 *       interceptor in front of every variable write of the runtime and task services);</li>
 *   <li>external tasks are worked by the workers' service account only ({@link ExternalTaskWorkInterceptor}).</li>
 * </ul>
 * The user task rules (form fields, rider ownership) are the process's: see
 * {@link com.baedal.engine.process.UserTaskGuard}.
 */
@Component
public class CamundaTrustPlugin extends AbstractProcessEnginePlugin {

    private final String serviceUser;

    public CamundaTrustPlugin(@Value("${baedal.workers.user:svc-workers}") String serviceUser) {
        this.serviceUser = serviceUser;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDefaultUserPermissionForTask(Permissions.TASK_WORK);
        configuration.setDeserializationTypeValidationEnabled(true);
        configuration.setDeserializationTypeValidator(new ProcessVariableTypes());
        configuration.setFilterService(new GuardedFilterService(TasklistSearch::applyTo));
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
        if (interceptors == null) {
            interceptors = new ArrayList<>();
            configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
        }
        interceptors.add(new AdhocQueryExpressionInterceptor());
        // the caller is on the engine's identity service, where REST and the webapps put it
        interceptors.add(new OrderFacts(configuration.getIdentityService()));
        interceptors.add(new ExternalTaskWorkInterceptor(configuration.getIdentityService(), serviceUser));
    }
}
