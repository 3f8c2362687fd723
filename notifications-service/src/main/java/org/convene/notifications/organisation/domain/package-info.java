@NullMarked
package org.convene.notifications.organisation.domain;

import org.jspecify.annotations.NullMarked;
