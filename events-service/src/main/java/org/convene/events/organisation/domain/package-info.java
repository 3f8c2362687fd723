@NullMarked
package org.convene.events.organisation.domain;

import org.jspecify.annotations.NullMarked;
