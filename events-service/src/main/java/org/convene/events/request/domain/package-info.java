@NullMarked
package org.convene.events.request.domain;

import org.jspecify.annotations.NullMarked;
