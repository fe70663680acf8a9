<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
  <context>
    <name>ApprenticeSelector</name>
    <message>
      <location filename="../../views/selector.py" line="29" />
      <source>Previous apprentice (Ctrl+PgUp)</source>
      <translation>Apprenti précédent (Ctrl+Page préc.)</translation>
    </message>
    <message>
      <location filename="../../views/selector.py" line="32" />
      <source>Next apprentice (Ctrl+PgDown)</source>
      <translation>Apprenti suivant (Ctrl+Page suiv.)</translation>
    </message>
    <message>
      <location filename="../../views/selector.py" line="33" />
      <source>&amp;Class:</source>
      <translation>&amp;Classe :</translation>
    </message>
    <message>
      <location filename="../../views/selector.py" line="35" />
      <source>&amp;Apprentice:</source>
      <translation>&amp;Apprenti :</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../views/login.py" line="103" />
      <source>CPRO Desktop — First start</source>
      <translation>CPRO Desktop — Premier démarrage</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="107" />
      <source>This database has no account yet. Create the administrator's account: he will then create the other accounts, the school year and the classes.</source>
      <translation>Cette base ne contient encore aucun compte. Créez le compte de l'administrateur : il créera ensuite les autres comptes, l'année scolaire et les classes.</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="121" />
      <source>Last name:</source>
      <translation>Nom :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="122" />
      <source>First name:</source>
      <translation>Prénom :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="123" />
      <source>Login:</source>
      <translation>Identifiant :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="124" />
      <source>Password:</source>
      <translation>Mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="125" />
      <source>Password again:</source>
      <translation>Confirmation du mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="133" />
      <source>Create the administrator</source>
      <translation>Créer l'administrateur</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="143" />
      <source>The two passwords differ.</source>
      <translation>Les deux mots de passe sont différents.</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../views/login.py" line="32" />
      <source>CPRO Desktop — Sign in</source>
      <translation>CPRO Desktop — Connexion</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="34" />
      <source>&lt;h3&gt;Sign in to CPRO Desktop&lt;/h3&gt;</source>
      <translation>&lt;h3&gt;Connexion à CPRO Desktop&lt;/h3&gt;</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="35" />
      <source>Database: %1</source>
      <translation>Base de données : %1</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="43" />
      <source>&amp;Login:</source>
      <translation>&amp;Identifiant :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="44" />
      <source>&amp;Password:</source>
      <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="51" />
      <source>Sign in</source>
      <translation>Se connecter</translation>
    </message>
    <message>
      <location filename="../../views/login.py" line="55" />
      <source>Settings…</source>
      <translation>Réglages…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../views/main_window.py" line="49" />
      <source>CPRO Desktop</source>
      <translation>CPRO Desktop</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="108" />
      <source>Apprentice: %1</source>
      <translation>Apprenti : %1</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="142" />
      <source>%1 — %2 — %3 database: %4</source>
      <translation>%1 — %2 — base %3 : %4</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="155" />
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="156" />
      <source>&amp;Settings…</source>
      <translation>&amp;Réglages…</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="159" />
      <source>Sign &amp;out</source>
      <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="162" />
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="169" />
      <source>&amp;Go</source>
      <translation>&amp;Aller à</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="176" />
      <source>&amp;Previous apprentice</source>
      <translation>Apprenti &amp;précédent</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="179" />
      <source>&amp;Next apprentice</source>
      <translation>Apprenti &amp;suivant</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="182" />
      <source>&amp;Choose an apprentice</source>
      <translation>&amp;Choisir un apprenti</translation>
    </message>
  </context>
  <context>
    <name>Modules</name>
    <message>
      <location filename="../../views/modules.py" line="15" />
      <source>Company activity follow-up</source>
      <translation>Suivi des activités en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="16" />
      <source>Apprentice dashboards</source>
      <translation>Tableaux de bord de l'apprenti</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="17" />
      <source>Company activity reviews</source>
      <translation>Bilans des activités en entreprise</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="20" />
      <source>Competence reviews</source>
      <translation>Bilans de compétences</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="21" />
      <source>Apprenticeship booklet</source>
      <translation>Livret d'apprentissage</translation>
    </message>
    <message>
      <location filename="../../views/modules.py" line="22" />
      <source>Administration</source>
      <translation>Administration</translation>
    </message>
  </context>
  <context>
    <name>PlaceholderPage</name>
    <message>
      <location filename="../../views/modules.py" line="49" />
      <source>This module is not built yet: it comes in a next version of CPRO Desktop. The other modules work.</source>
      <extracomment>Modules that work on the apprentice chosen in the shared selector.</extracomment>
      <translation>Ce module n'est pas encore construit : il arrive dans une prochaine version de CPRO Desktop. Les autres modules fonctionnent.</translation>
    </message>
  </context>
  <context>
    <name>Roles</name>
    <message>
      <location filename="../../views/main_window.py" line="30" />
      <source>Apprentice</source>
      <translation>Apprenti</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="31" />
      <source>Company tutor</source>
      <translation>Maître d'apprentissage</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="32" />
      <source>Trainer</source>
      <translation>Formateur</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="33" />
      <source>Administrator</source>
      <translation>Administrateur</translation>
    </message>
    <message>
      <location filename="../../views/main_window.py" line="34" />
      <source>Legal guardian</source>
      <translation>Représentant légal</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../views/settings_dialog.py" line="45" />
      <source>Settings</source>
      <translation>Réglages</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="49" />
      <source>Database</source>
      <translation>Base de données</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="51" />
      <source>Embedded database on this computer</source>
      <translation>Base intégrée sur cet ordinateur</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="55" />
      <source>Shared PostgreSQL server</source>
      <translation>Serveur PostgreSQL partagé</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="64" />
      <source>(default)</source>
      <translation>(par défaut)</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="69" />
      <source>Browse…</source>
      <translation>Parcourir…</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="73" />
      <source>Server address (URL):</source>
      <translation>Adresse du serveur (URL) :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="74" />
      <source>TLS mode (sslmode):</source>
      <translation>Mode TLS (sslmode) :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="75" />
      <source>Centre's CA certificate:</source>
      <translation>Certificat de l'autorité du centre (CA) :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="78" />
      <source>Across a network, choose verify-full with the centre's CA certificate: require encrypts but does not check the server.</source>
      <translation>À travers le réseau, choisissez verify-full avec le certificat de l'autorité du centre : require chiffre mais ne vérifie pas le serveur.</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="85" />
      <source>Test the connection</source>
      <translation>Tester la connexion</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="99" />
      <source>Display and map</source>
      <translation>Affichage et carte</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="106" />
      <source>Language:</source>
      <translation>Langue :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="107" />
      <source>Map tile server (XYZ):</source>
      <translation>Serveur de tuiles de carte (XYZ) :</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="147" />
      <source>Centre's CA certificate</source>
      <translation>Certificat de l'autorité du centre</translation>
    </message>
    <message>
      <location filename="../../views/settings_dialog.py" line="182" />
      <source>The tile server URL must contain {z}, {x} and {y}.</source>
      <translation>L'adresse du serveur de tuiles doit contenir {z}, {x} et {y}.</translation>
    </message>
  </context>
</TS>