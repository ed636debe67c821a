package com.baedal.engine.security;

import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * External tasks are worked by the workers' service account only: fetch and lock, lock, extend a lock, complete,
 * report a failure or a BPMN error. A person — an operator or a Camunda administrator included, through engine REST
 * or the webapps' API — who completed {@code payment-charge} would move an order on without charging it (or end it
 * PAYMENT_FAILED), so they are refused (403). What operators need for incidents stays theirs: reading external tasks,
 * setting retries, unlocking. The engine's own code (no authenticated user) is not affected.
 */
@RequiredArgsConstructor
class ExternalTaskWorkInterceptor extends CommandInterceptor {

    private final IdentityService identity;
    private final String serviceUser;

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof HandleExternalTaskCmd || command instanceof FetchExternalTasksCmd) {
            Authentication caller = identity.getCurrentAuthentication();
            if (caller != null && !caller.getUserId().equals(serviceUser)) {
                throw new AuthorizationException(caller.getUserId() + " is not a worker: external tasks are worked "
                        + "by the workers' service account only.");
            }
        }
        return next.execute(command);
    }
}
