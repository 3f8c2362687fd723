@NullMarked
package org.convene.notifications.delivery.domain;

import org.jspecify.annotations.NullMarked;
