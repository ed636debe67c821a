package com.baedal.readmodel.order;

import java.util.List;

/** A page of views: {@code page} from 0. */
public record OrderPage(List<OrderView> content, int page, int size, long totalElements) {
}
