@NullMarked
package org.convene.events.event.domain;

import org.jspecify.annotations.NullMarked;
