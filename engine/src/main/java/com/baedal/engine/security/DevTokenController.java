package com.baedal.engine.security;

import com.baedal.engine.security.DevTokenIssuer.DevTokenRequest;
import com.baedal.engine.security.DevTokenIssuer.DevTokenResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/dev/tokens}: development tokens, local profile only (the bean does not exist elsewhere). */
@RestController
@Profile(SecurityConfig.LOCAL_PROFILE)
@Tag(name = "Development", description = "Local profile only: this endpoint does not exist anywhere else")
@RequiredArgsConstructor
public class DevTokenController {

    private final DevTokenIssuer issuer;

    @Operation(summary = "Issue a development token (local profile only)", description = """
            Body `{"sub", "role", "storeId"?, "region"?}`: `storeId` is required for STORE_OWNER, `region` for \
            RIDER. The token is signed with the local HS256 secret and valid for 12 hours.""")
    @SecurityRequirements // public in the local profile
    @ApiResponse(responseCode = "200", description = "`{\"token\": \"<JWT>\"}`")
    @ApiResponse(responseCode = "400", description = "Missing subject, unknown role, or a claim the role needs is "
            + "missing")
    @PostMapping(SecurityConfig.DEV_TOKENS_PATH)
    public DevTokenResponse issue(@RequestBody DevTokenRequest request) {
        return new DevTokenResponse(issuer.issue(request));
    }
}
