package com.baedal.engine.order;

import com.baedal.support.validation.SafeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/orders}. Prices are never taken from the client: the server reads the menu. Every string
 * is bounded and free of control characters (SPEC §7); the columns behind them are sized for these limits.
 */
public record PlaceOrderRequest(
        @NotBlank @Size(max = 64) @SafeText String storeId,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid DeliveryAddress deliveryAddress,
        @NotNull @Valid Payment payment) {

    /** SPEC §7. */
    public static final int STREET_MAX_LENGTH = 200;

    public record Item(@NotBlank @Size(max = 64) @SafeText String menuItemId,
                       @NotNull @Min(1) @Max(99) Integer quantity) {
    }

    public record DeliveryAddress(@NotBlank @Size(max = 64) @SafeText String region,
                                  @NotBlank @Size(max = STREET_MAX_LENGTH) @SafeText String street,
                                  @DecimalMin("-90") @DecimalMax("90") Double lat,
                                  @DecimalMin("-180") @DecimalMax("180") Double lon) {
    }

    public record Payment(@NotNull @Pattern(regexp = "CARD", message = "must be CARD") String method,
                          @NotBlank @Size(max = 200) @SafeText String cardToken) {
    }
}
