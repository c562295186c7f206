# Held-out Spanish texts, written after and apart from the training phrasings. Never train or tune on these.
P, N = {}, {}
P["security"] = """
Esta mañana había 14 usuarios nuevos con permisos de administrador en nuestro espacio y nadie los invitó.
Asunto: buzón comprometido – alguien creó una regla que reenvía todo el correo de nuestra contable a una dirección de gmail
Un cliente nos llamó porque recibió todo su historial de pedidos desde una dirección desconocida. ¿¿Cómo lo consiguieron??
Creemos que un intruso tiene nuestro token principal de la API, se están borrando tickets que nunca tocamos
Alguien pidió 30 tarjetas regalo con nuestra cuenta usando mi tarjeta guardada, no fui yo
Ojo: hay una copia fraudulenta de su página de acceso y varios agentes entraron en ella
Mi contraseña ya no funciona y el correo de la cuenta ahora apunta a una dirección que no conozco
Durante la noche todas nuestras respuestas predefinidas se sustituyeron por enlaces a una estafa de criptomonedas
La base de conocimiento pública muestra notas internas con teléfonos de clientes, cualquiera puede leerlas
Nuestro departamento de TI encontró un token de su app en un volcado de Pastebin
Fichas de clientes de su sincronización con el CRM aparecen en un conjunto de datos filtrado
Hice clic en un correo que parecía su aviso de renovación y desde entonces mi cuenta envía mensajes que no escribí
Un desconocido tiene sesión abierta con mi usuario en tres dispositivos, incluso después de cambiar la contraseña
Los adjuntos que suben los clientes llevan un troyano y su antivirus los dejó pasar
Nuestro banco avisa de que nuestras credenciales de su módulo de pagos se usan desde Ucrania
Alguien se coló en nuestro helpdesk y pidió a los clientes que pagaran a un IBAN nuevo
Hay un directorio abierto en su CDN que muestra archivos de muchos clientes
¡¡Intruso en la cuenta!! está exportando nuestra lista de clientes ahora mismo
El registro de auditoría muestra accesos a las 4 de la mañana desde Singapur y una exportación completa, aquí nadie trabaja a esa hora
Desde su actualización, los usuarios de solo lectura pueden descargar datos de pago
"""
N["security"] = """
¿Qué algoritmo de cifrado usan para las copias de seguridad? Nuestro auditor lo quiere por escrito.
Cambié la contraseña de la cuenta compartida porque se fue un becario, ¿cómo cierro sus sesiones antiguas?
¿Pueden los administradores ver el historial de accesos de cada agente? Es para nuestra revisión interna de seguridad.
¿El token de la API caduca o tenemos que renovarlo nosotros?
No nos han hackeado, tranquilos, los correos raros eran de nuestra herramienta de marketing.
La alerta de acceso sospechoso de ayer era mi compañero de viaje, no hace falta hacer nada.
Activen la lista de IP permitidas en nuestro plan, nuestra política lo exige.
¿Se pueden ocultar los números de tarjeta que los clientes pegan en los tickets?
Nuestros auditores de pentesting escanearán nuestro propio centro de ayuda la semana que viene, no los bloqueen por favor.
Necesitamos el documento de seguridad y el certificado ISO 27001 para una licitación
El incidente de la cuenta robada del año pasado está cerrado, solo necesitamos el informe para nuestros archivos.
¿La aplicación permite entrar con huella dactilar?
¿Dónde cambio la duración de la sesión? 8 horas es demasiado para nuestra política de seguridad.
¿Los datos viajan cifrados entre el widget y sus servidores?
¿Puedo recibir un aviso cuando alguien entre desde un dispositivo nuevo?
Perdí el móvil de la verificación en dos pasos, ¿cómo recupero el acceso a mi propia cuenta?
No tenemos motivos para pensar que se haya filtrado nada, pero ¿qué IP accedieron la semana pasada? Simple curiosidad.
¿Cómo avisamos de un correo de phishing que recibieron nuestros clientes? Queremos advertirles con un artículo de ayuda.
¿Quién puede cambiar la configuración de seguridad en nuestra cuenta? ¿Solo los administradores?
¿Tienen una evaluación de impacto de protección de datos que podamos reutilizar?
"""
P["legal"] = """
He sido paciente, pero ahora esto es cosa de mi abogada. Tendrán noticias suyas esta semana.
Asunto: último requerimiento antes de demanda – abono pendiente de 1.250 EUR. Si no pagan en 14 días presentaremos demanda.
Han incumplido nuestro SLA cuatro veces este trimestre. Nuestra asesoría jurídica prepara una reclamación de daños.
Si no borran mis datos como pedí, presentaré una reclamación ante la AEPD y exigiré una indemnización.
Iremos a los tribunales si siguen cobrándonos después de la baja
Por el doble cargo voy a presentar una demanda de juicio verbal, ya tengo los papeles
Nuestros abogados se pondrán en contacto con ustedes por la conservación ilegal de nuestros datos.
Esto es un requerimiento formal: dejen de usar nuestra marca inmediatamente.
Les demandamos por las pérdidas que nos causó su caída.
Si el dinero no está en mi cuenta el lunes, voy al juzgado, así de simple.
Varios clientes suyos están organizando una demanda colectiva y nos vamos a sumar.
He consultado a un abogado por su negativa a reembolsar.
Les hacemos responsables de los datos perdidos y hemos encargado a un bufete que recupere los costes.
Mi asesor legal me recomienda demandar y lo voy a hacer.
Voy a denunciarles y mi abogado se encargará del resto.
Último aviso: respondan antes del viernes o emprenderemos acciones judiciales por incumplimiento de contrato.
Este cobro es fraudulento, les voy a demandar y a denunciar ante consumo.
Nuestro departamento jurídico tiene instrucciones de actuar contra ustedes.
Estamos estudiando con un abogado cómo demandarles por los daños que causó su actualización
Paguen la penalización del contrato o la reclamaremos judicialmente.
"""
N["legal"] = """
Nuestra abogada pregunta la fecha de inicio del contrato, ¿dónde la veo en la cuenta?
¿Pueden firmar nuestro acuerdo de confidencialidad estándar antes de la demo?
¿Tienen una plantilla para responder a una solicitud de acceso del RGPD?
Nuestro departamento legal quiere saber qué tribunales son competentes según sus condiciones.
Soy asistente en un despacho y llevo los plazos judiciales con su app, ¿puedo añadir un campo de fecha?
No vamos a demandar a nadie, solo queremos que devuelvan el doble cargo.
Un cliente escribe que va a contratar un abogado; ¿cómo escalo esos tickets internamente?
Emitan la factura a nombre de nuestro despacho, García y Asociados.
¿Es legal grabar las llamadas de soporte con su módulo de telefonía?
Nuestro asesor jurídico revisó el acuerdo de tratamiento y tiene dos comentarios, adjuntos
¿Nos dan la razón social y el CIF para nuestro registro de proveedores?
Los recordatorios de vistas judiciales que enviamos por su plataforma llegan a spam.
La disputa por la factura del año pasado se resolvió amistosamente, pueden archivar el ticket.
Mi abogado está de vacaciones, ¿puedo firmar yo el pedido?
¿Qué plazos hay si algún día queremos terminar el contrato? Es para nuestra revisión legal.
No amenazo con acciones legales, solo pregunto por qué cambió el precio.
Nuestro equipo de cumplimiento necesita la lista actualizada de subencargados.
La palabra 'demanda' en nuestras reglas de etiquetado automático marca tickets equivocados, ¿nos ayudan?
Queremos enlazar nuestros términos y condiciones en el pie del chat.
¿Necesitamos otro contrato para nuestros clientes de Argentina?
"""
P["outage"] = """
¿Pasa algo? Todo nuestro equipo de soporte lleva 20 minutos mirando una pantalla de carga.
Asunto: P1 – API caída. Cada llamada a /v2/tickets devuelve 503 desde las 06:12 UTC.
Desde anoche ningún correo de clientes se convierte en ticket, la bandeja está congelada
No podemos entrar en la app desde ninguna oficina, falla la resolución DNS de su dominio
El widget desapareció de nuestra web y los clientes no pueden contactarnos de ninguna forma
Su plataforma se cayó en pleno Black Friday, estamos perdiendo pedidos
Los agentes se desconectan todo el rato y ahora nadie puede volver a entrar
Todo fuera de línea, app y API, desde las 9:30 más o menos
Todos nuestros webhooks fallan por tiempo de espera. No llega nada a nuestro servidor.
Me sale 'bad gateway' en todo, probado en tres redes
Su servicio lleva dos horas sin estar disponible. 200 clientes esperando.
La app móvil y la web muestran un error de servidor, no podemos trabajar
Las llamadas a través de su integración no conectan desde esta mañana
Informes, bandeja y búsqueda dan error, parece una caída general de su lado
La web se queda pensando y luego da timeout. Le pasa a toda la empresa.
Desde el despliegue del mediodía no se pueden crear tickets, cada envío falla
Estamos completamente parados porque su servicio de autenticación no responde
¿Caída? Nuestras comprobaciones contra su API fallan desde hace 45 minutos
Está caído desde ayer por la tarde y no hay nada en su página de estado
No se puede enviar ni una respuesta, el botón de enviar da error a todos los agentes
"""
N["outage"] = """
¿Pueden enviarnos el análisis de causa de la caída del mes pasado para nuestro informe trimestral?
¿Cómo programo un aviso de mantenimiento para mis propios clientes?
La columna 'tiempo de inactividad' de nuestro informe personalizado está vacía, ¿es un fallo del filtro?
El sábado estaremos fuera de línea por un cambio de servidor, ¿guardan los correos en cola?
¿Ofrecen un 99,99 % de disponibilidad en el plan Enterprise?
La búsqueda va algo lenta con adjuntos grandes, nada urgente.
La interrupción de ayer se resolvió en una hora, gracias por ir informando.
¿La app sigue funcionando si se nos va internet un minuto?
¿Dónde veo el historial de incidencias en su página de estado?
Tuvimos un apagón en la oficina, ya está todo normal, lo digo para explicar el retraso de los tickets.
El icono de flecha hacia abajo en la lista de tickets está descolocado.
¿Hay un endpoint de la API para consultar el estado del servicio?
Un artículo de ayuda antiguo da 404, lo demás va bien.
¿Podemos recibir un SMS si su servicio se cae alguna vez?
No hay ninguna caída, solo queremos añadir dos agentes.
Nuestra propia web se cayó ayer, nada que ver con ustedes, pero ¿podemos recuperar los chats perdidos?
¿Cómo configuro un correo alternativo cuando el chat está desconectado?
Una usuaria no puede entrar porque olvidó su contraseña.
¿Dónde veo la política de reintentos de los webhooks?
Planeamos la migración para el fin de semana para evitar cortes, ¿algún consejo?
"""
P["churn"] = """
Antes de que acabe el contrato en abril vamos a evaluar otros proveedores y, sinceramente, ustedes no son los favoritos.
Asunto: baja – consideren este correo nuestro preaviso para terminar el contrato al final del periodo.
Quiero irme. Cierren la cuenta y paren la domiciliación.
La junta aprobó pasar nuestro soporte a HubSpot, ¿cómo lo exportamos todo?
Estamos hartos de los cambios de precio constantes y no vamos a renovar.
Si la sincronización con Salesforce no se arregla este mes, tendremos que cambiar de herramienta.
Bajen las licencias a cero y luego cierren la cuenta, hemos terminado con ustedes.
Encontramos un proveedor que hace lo mismo por la mitad, este es nuestro preaviso.
En cuanto la prueba pase a suscripción la cancelo, no es lo que nos prometieron.
Su competidor ya nos preparó un entorno de pruebas. ¿Por qué deberíamos quedarnos?
¿Con cuánta antelación tengo que avisar para irme? Queremos estar fuera en junio.
No seguiremos con su servicio después del periodo de facturación actual
Cancelen mi suscripción y borren los datos de mi tarjeta, gracias.
La dirección quiere dejar la plataforma en la renovación si los informes no mejoran.
Cierro nuestra cuenta. Confirmen la factura final, por favor.
Nos pasamos a otro helpdesk el mes que viene.
Después de cinco años con ustedes estamos pensando seriamente en irnos.
No nos cobren más, nos damos de baja.
Nos vamos de su plataforma y necesitamos todos los adjuntos exportados antes del día 30.
A este precio no habrá renovación.
"""
N["churn"] = """
No queremos irnos, pero ¿pueden explicarnos los nuevos niveles de precios?
¿Cómo cancelo un informe programado?
Nuestro cliente canceló su cita, ¿cómo actualizo el ticket?
Cambiamos la forma de pago a domiciliación SEPA, ¿pueden confirmar que funcionó?
¿Cómo salgo de un equipo en el que me metieron por error?
¿Podemos pasar al plan Business a mitad de periodo?
Desactiven la clave API de nuestra integración antigua, ya no se usa.
¿Cuáles son las condiciones de cancelación del complemento? Pregunto antes de comprarlo.
El año pasado comparamos tres proveedores y los elegimos a ustedes, seguimos contentos.
Un cliente nuestro quiere cerrar su cuenta en nuestra tienda, ¿qué plantilla usamos?
Quiero renovar antes de tiempo para mantener el precio actual.
Anulen mi inscripción al webinar, no podré asistir.
Nos mudamos de oficina la semana que viene, actualicen nuestra dirección por favor.
¿Puedo poner el español como idioma por defecto del centro de ayuda?
¿Cómo borro los tickets de más de tres años?
No nos damos de baja, solo queremos bajar de 12 a 10 licencias.
Den de baja a mi compañero de los correos de novedades del producto.
El botón Cancelar del editor de tickets no cierra el diálogo.
¿Hay descuento por fidelidad si renovamos por tres años?
El año pasado dejamos nuestro helpdesk anterior por ustedes, ¿nos ayudan también a migrar el archivo antiguo?
"""
P["distress"] = """
He escrito cinco veces y cada respuesta es un copia y pega. Estoy completamente agotado.
Asunto: ¡¡¡¡SIGUE SIN RESOLVERSE!!!! Tres semanas esperando, es una locura
De verdad no sé cuánto más voy a aguantar. Mi negocio depende de esto.
¿Qué clase de empresa trata así a sus clientes? Me da asco.
Estoy tan enfadado que casi no puedo escribir. Borraron nuestros datos y nadie pidió perdón.
por favor, por favor, que alguien me ayude, llevo todo el día bloqueado y mi jefe está furioso conmigo
Increíble. Pago todos los meses y no recibo ninguna ayuda.
Es la experiencia más frustrante que he tenido con un programa.
Se acabó ser educado. Arréglenlo.
Cada día pierdo clientes por esto y a ustedes les da igual, me parte el alma
Nadie me devuelve las llamadas. Es como hablar con una pared.
Esto ya no tiene ninguna gracia.
Estoy a punto de llorar, todas las facturas de hoy salieron mal y los clientes me llaman
¿¡Por qué es tan difícil que me den una respuesta clara!?
Me han hecho perder horas y estoy que echo humo.
No me puedo creer lo mal que se ha gestionado esto. Lamentable.
A estas alturas estoy desesperado, que alguien conteste por favor.
Servicio totalmente inaceptable, estoy muy disgustado.
Una semana horrible por culpa de su fallo y de su silencio.
¿¿Alguien lee esto?? ¿¿Hola??
"""
N["distress"] = """
Gracias por la solución rápida de ayer, lo agradecemos mucho.
¿Cómo podemos medir la frustración de los clientes en nuestras conversaciones de chat?
No pasa nada si tarda unos días, el informe no vence hasta el mes que viene.
No estoy nada molesto, solo quiero entender la factura.
¿Pueden añadir una etiqueta 'cliente enfadado' a nuestras etiquetas por defecto?
Queremos dirigir a los clientes insatisfechos a agentes con experiencia, ¿cómo creo la regla?
Perdón por tantos correos hoy, estamos en plena puesta en marcha.
El artículo de ayuda sobre análisis de sentimiento tiene un enlace roto.
Respondan cuando puedan, es una pregunta menor.
Nuestros agentes están estresados en temporada alta, ¿ofrecen licencias temporales?
Al principio me molestó, pero el nuevo editor está genial.
¿La encuesta puede preguntar a los clientes cuán decepcionados están en una escala?
No pasa nada, encontramos la opción nosotros.
Un recordatorio amable de mi pregunta de la semana pasada.
Felicidades a Marta de su equipo por su paciencia.
Queremos una formación en desescalada para los nuevos
¿Qué significa la puntuación de sentimiento 'frustrado' en los informes?
¿Me pueden llamar a las 15:00 para repasar la configuración?
Buen trabajo, la página de la incidencia era muy clara.
Nuestros clientes a veces escriben en mayúsculas, ¿puede el filtro de spam ignorarlo?
"""
O = """
¿Puedo cambiar el nombre del remitente de las respuestas?
Reenvíen la factura de octubre, por favor, no la encuentro.
¿Cómo cierro de golpe los tickets de más de 30 días?
Queremos añadir a nuestro nuevo compañero Jonás como agente.
¿Hay modo oscuro en la aplicación de escritorio?
La exportación CSV no incluye los campos personalizados, ¿es normal?
¿Dónde defino el horario laboral para los temporizadores del SLA?
¿Se puede proteger el centro de ayuda con contraseña para socios?
¿Cómo creo una vista de tickets sin asignar?
¿Admiten árabe en el centro de ayuda?
Cambien nuestro correo de facturación a finanzas@empresa.es por favor
¿Nos dan presupuesto para 25 licencias en plan anual?
¿Cómo conecto nuestra cuenta de Instagram?
El formato de fecha de los informes debe ser DD/MM/AAAA.
¿Un ticket puede tener dos responsables?
¿Existe una app de Android para agentes?
¿Cómo recupero una respuesta predefinida borrada?
Los tickets de clientes VIP deben recibir una etiqueta automáticamente.
¿El chat funciona con WooCommerce?
Añadan un segundo administrador a nuestra cuenta, por favor.
"""
