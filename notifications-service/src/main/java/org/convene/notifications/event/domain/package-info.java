@NullMarked
package org.convene.notifications.event.domain;

import org.jspecify.annotations.NullMarked;
