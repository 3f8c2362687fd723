@NullMarked
package org.convene.notifications.subscription.persistence;

import org.jspecify.annotations.NullMarked;
