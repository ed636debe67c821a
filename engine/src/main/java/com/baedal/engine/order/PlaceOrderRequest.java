package com.baedal.engine.order;

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

/** Body of {@code POST /api/orders}. Prices are never taken from the client: the server reads the menu. */
public record PlaceOrderRequest(
        @NotBlank @Size(max = 64) String storeId,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid DeliveryAddress deliveryAddress,
        @NotNull @Valid Payment payment) {

    public record Item(@NotBlank @Size(max = 64) String menuItemId,
                       @NotNull @Min(1) @Max(99) Integer quantity) {
    }

    public record DeliveryAddress(@NotBlank @Size(max = 64) String region,
                                  @NotBlank @Size(max = 300) String street,
                                  @DecimalMin("-90") @DecimalMax("90") Double lat,
                                  @DecimalMin("-180") @DecimalMax("180") Double lon) {
    }

    public record Payment(@NotNull @Pattern(regexp = "CARD", message = "must be CARD") String method,
                          @NotBlank @Size(max = 200) String cardToken) {
    }
}
