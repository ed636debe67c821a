package com.baedal.engine.security;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.AuthorizationServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Baedal's authorizations only grant (global and grant authorizations; see {@code IdentitySetup}), so the engine does
 * not look for revoking ones: with Camunda's default ({@code authorizationCheckRevokes=auto}) every authorization
 * check first asks the database whether any revoke exists (one more query per checked command and query).
 * <p>
 * So that this stays true, revoke authorizations are refused wherever they are made (engine REST, the Admin webapp,
 * Java): 400 "revoke authorizations are not used". Should a database hold one anyway (made before this rule), the
 * engine checks revokes again and says so at start.
 */
@Component
public class GrantOnlyAuthorizations extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(GrantOnlyAuthorizations.class);
    static final String REFUSED = "revoke authorizations are not used: grant what a user or group may do instead";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setAuthorizationCheckRevokes(ProcessEngineConfigurationImpl.AUTHORIZATION_CHECK_REVOKE_NEVER);
        configuration.setAuthorizationService(new GrantOnlyAuthorizationService());
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        long revokes = engine.getAuthorizationService().createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_REVOKE).count();
        if (revokes > 0) {
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .setAuthorizationCheckRevokes(ProcessEngineConfigurationImpl.AUTHORIZATION_CHECK_REVOKE_ALWAYS);
            log.warn("{} revoke authorizations found: the engine checks revokes on every authorization check. "
                    + "Replace them by grants and delete them.", revokes);
        }
    }

    /** The authorization service that makes no revoke authorization. */
    static class GrantOnlyAuthorizationService extends AuthorizationServiceImpl {

        @Override
        public Authorization createNewAuthorization(int authorizationType) {
            refuseRevoke(authorizationType);
            return super.createNewAuthorization(authorizationType);
        }

        @Override
        public Authorization saveAuthorization(Authorization authorization) {
            refuseRevoke(authorization.getAuthorizationType());
            return super.saveAuthorization(authorization);
        }

        private static void refuseRevoke(int authorizationType) {
            if (authorizationType == Authorization.AUTH_TYPE_REVOKE) {
                throw new BadUserRequestException(REFUSED);
            }
        }
    }
}
