package com.baedal.engine.security;

import com.baedal.engine.security.DevTokenIssuer.DevTokenRequest;
import com.baedal.engine.security.DevTokenIssuer.DevTokenResponse;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/dev/tokens}: development tokens, local profile only (the bean does not exist elsewhere). */
@RestController
@Profile(SecurityConfig.LOCAL_PROFILE)
public class DevTokenController {

    private final DevTokenIssuer issuer;

    public DevTokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping(SecurityConfig.DEV_TOKENS_PATH)
    public DevTokenResponse issue(@RequestBody DevTokenRequest request) {
        return new DevTokenResponse(issuer.issue(request));
    }
}
