@NullMarked
package org.convene.notifications.delivery.persistence;

import org.jspecify.annotations.NullMarked;
